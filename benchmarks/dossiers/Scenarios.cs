using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Onestop.Contracts.Dossiers.V1;

namespace Onestop.Dossiers.Benchmarks;

/// <summary>
/// The calls the benchmark loads the host with: desk intake over REST (client i an officer of unit i mod N), portal
/// submissions over gRPC, and one officer's transitions on dossiers received earlier.
/// </summary>
internal sealed class Scenarios(HttpClient desks, HttpClient officer, GrpcClient grpc, IReadOnlyList<string> units)
{
    public const string SubmitDossier = "/onestop.dossiers.v1.DossierSync/SubmitDossier";

    private static readonly byte[] Intake = Desk.Json(new
    {
        procedureCode = Desk.ProcedureCode,
        channel = "direct",
        applicant = new { fullName = "Nguyễn Thị Lan", identityNumber = "001190012345", phone = "0912345678", address = "12 Trần Phú, Hà Tĩnh" },
        components = new[] { new { code = "TK", originals = 1, copies = 0 } },
    });

    private static readonly byte[] Assignment = Desk.Json(new { stepName = "Thẩm định hồ sơ", assignee = "cv.bench", workingDays = 2 });

    private static readonly Applicant PortalApplicant = new()
    {
        FullName = "Trần Văn Minh", IdentityNumber = "042090001234", Phone = "0987654321", Address = "5 Nguyễn Du, Hà Tĩnh",
    };

    /// <summary>Every dossier received at the desk so far, with its unit: what the transition client acts on.</summary>
    private readonly ConcurrentQueue<(Guid Id, string Unit)> received = new();

    /// <summary>Desk intake, <c>POST /api/dossiers</c>; the ids of the dossiers received go to <paramref name="receivedIds"/> when given.</summary>
    public Task<LoadResult> RestIntakeAsync(int clients, TimeSpan duration, ConcurrentBag<Guid>? receivedIds, CancellationToken cancellationToken) =>
        Load.RunAsync(clients, duration, async (client, _, ct) =>
        {
            var unit = units[client % units.Count];
            using var request = Desk.Post("/api/dossiers", Intake, $"mc{client}", "desk_officer", unit);
            using var response = await desks.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var id = body.RootElement.GetProperty("id").GetGuid();
            received.Enqueue((id, unit));
            receivedIds?.Add(id);
            return null;
        }, cancellationToken);

    /// <summary>Portal submissions, <c>DossierSync/SubmitDossier</c>, each with a new portal reference (<paramref name="run"/> keeps runs apart).</summary>
    public Task<LoadResult> GrpcSubmitAsync(int clients, TimeSpan duration, string run, CancellationToken cancellationToken) =>
        Load.RunAsync(clients, duration, async (client, sent, ct) =>
        {
            var request = new SubmitDossierRequest
            {
                PortalReference = $"bench-{run}-{client}-{sent}",
                UnitCode = units[client % units.Count],
                ProcedureCode = Desk.ProcedureCode,
                Applicant = PortalApplicant,
                Components = { new ComponentReceipt { Code = "TK", Originals = 1 } },
            };
            var (status, _) = await grpc.UnaryAsync(client, SubmitDossier, request, SubmittedDossier.Parser, ct);
            return status == "0" ? null : $"grpc-status {status}";
        }, cancellationToken);

    /// <summary>
    /// One officer assigning dossiers received earlier to a specialist (<c>POST /api/dossiers/{id}/assignments</c>), one
    /// after the other, each as a desk officer of the dossier's unit, on its own connection.
    /// </summary>
    public Task<LoadResult> TransitionsAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var dossiers = received.ToArray();
        if (dossiers.Length == 0)
        {
            throw new InvalidOperationException("No dossier was received at the desk: nothing to assign.");
        }

        return Load.RunAsync(1, duration, async (_, sent, ct) =>
        {
            var (id, unit) = dossiers[sent % dossiers.Length];
            using var request = Desk.Post($"/api/dossiers/{id}/assignments", Assignment, "tn.bench", "desk_officer", unit);
            using var response = await officer.SendAsync(request, ct);
            return response.StatusCode == HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode}";
        }, cancellationToken);
    }
}
