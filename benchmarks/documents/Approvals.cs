using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Onestop.Contracts.Documents.V1;
using Onestop.Dossiers.Benchmarks;

namespace Onestop.Documents.Benchmarks;

/// <summary>
/// RecordApproval requests/s: dossiers brought to "awaiting approval" with their result documents uploaded beforehand
/// (REST, as officials and a document-management system do), then recorded over gRPC by closed-loop clients, each
/// approval once. The same number of dossiers decided over REST (DecideDossier alone, no document) is the baseline.
/// </summary>
internal static class Approvals
{
    private const string RecordApprovalMethod = "/onestop.documents.v1.DocumentExchange/RecordApproval";

    public static async Task<(LoadResult ViaGrpc, LoadResult ViaRest)> RunAsync(HttpClient http, GrpcClient grpc, int count, int clients, CancellationToken cancellationToken)
    {
        var unit = Desk.Communes(1)[0];
        await Desk.SeedAsync(http, [unit], cancellationToken);
        var viaGrpc = await PrepareAsync(http, unit, count, withResult: true, cancellationToken);
        var viaRest = await PrepareAsync(http, unit, count, withResult: false, cancellationToken);

        var grpcResult = await EachOnceAsync(viaGrpc.Count, clients, async (client, i, ct) =>
        {
            var (dossier, sha256) = viaGrpc[i];
            var request = new RecordApprovalRequest
            {
                DossierCode = dossier.Code, Decision = Decision.Approve, Reasons = "Đủ điều kiện cấp theo Luật Hộ tịch 2014",
                DocumentNumber = $"{i}/GXN-UBND", ResultSha256 = sha256, ApprovalReference = $"bench-{dossier.Id}",
            };
            var (status, _) = await grpc.UnaryAsync(client, RecordApprovalMethod, request, ApprovalRecorded.Parser, ct);
            return status == "0" ? null : $"grpc-status {status}";
        }, cancellationToken);
        var restResult = await EachOnceAsync(viaRest.Count, clients, async (_, i, ct) =>
        {
            using var request = Desk.Post($"/api/dossiers/{viaRest[i].Dossier.Id}/decision",
                Desk.Json(new { outcome = "approve", reasons = "Đủ điều kiện cấp theo Luật Hộ tịch 2014", documentNumber = $"{i}/GXN-UBND" }),
                "ld.bench", "leader", unit);
            using var response = await http.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }, cancellationToken);
        return (grpcResult, restResult);
    }

    /// <summary>Received, assigned and proposed in parallel; with <paramref name="withResult"/> a distinct result PDF uploaded for each.</summary>
    private static async Task<List<((Guid Id, string Code) Dossier, string Sha256)>> PrepareAsync(
        HttpClient http, string unit, int count, bool withResult, CancellationToken cancellationToken)
    {
        var prepared = new ((Guid, string), string)[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var received = await PostAsync(http, "/api/dossiers", new
            {
                procedureCode = Desk.ProcedureCode,
                applicant = new { fullName = "Nguyễn Thị Lan", identityNumber = $"001190{i:000000}", phone = "0912345678" },
                components = new[] { new { code = "TK", originals = 1, copies = 0 }, new { code = "LH", originals = 0, copies = 1 } },
            }, "desk.bench", "desk_officer", unit, ct);
            var id = received.GetProperty("id").GetGuid();
            await PostAsync(http, $"/api/dossiers/{id}/assignments", new { stepName = "Thẩm định hồ sơ", assignee = "cv.bench" }, "desk.bench", "desk_officer", unit, ct);
            await PostAsync(http, $"/api/dossiers/{id}/proposal", new { outcome = "approve", summary = "Đủ điều kiện cấp" }, "cv.bench", "specialist", unit, ct);
            var sha256 = "";
            if (withResult)
            {
                using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/documents?fileName=ket-qua-{i}.pdf")
                {
                    Content = new ByteArrayContent(Encoding.UTF8.GetBytes($"%PDF-1.7\n% Giấy xác nhận tình trạng hôn nhân {id}\n{new string('0', 20_000)}\n%%EOF\n")),
                };
                upload.Headers.Add("X-Onestop-User", "cv.bench");
                upload.Headers.Add("X-Onestop-Unit", unit);
                upload.Headers.Add("X-Onestop-Roles", "specialist");
                using var response = await http.SendAsync(upload, ct);
                response.EnsureSuccessStatusCode();
                sha256 = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("sha256").GetString()!;
            }

            prepared[i] = ((id, received.GetProperty("code").GetString()!), sha256);
        });
        return [.. prepared];
    }

    /// <summary>Closed loop over a fixed set: each client takes the next item as soon as its previous call answered.</summary>
    private static async Task<LoadResult> EachOnceAsync(int count, int clients, Func<int, int, CancellationToken, Task<string?>> call, CancellationToken cancellationToken)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var latencies = new List<double>();
            var failures = new Dictionary<string, int>();
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                var failure = await call(client, i, cancellationToken);
                if (failure is null)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    failures[failure] = failures.GetValueOrDefault(failure) + 1;
                }
            }

            return (latencies, failures);
        }, cancellationToken)));
        clock.Stop();
        var failed = runs.SelectMany(r => r.failures).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
        return new LoadResult(clients, runs.SelectMany(r => r.latencies).Order().ToArray(), failed, clock.Elapsed);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body, string login, string role, string unit, CancellationToken ct)
    {
        using var request = Desk.Post(path, Desk.Json(body), login, role, unit);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
    }
}
