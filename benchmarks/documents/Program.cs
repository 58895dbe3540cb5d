using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Onestop.Dossiers.Benchmarks;
using Onestop.Postgres.Embedded;

// Documents benchmark (issue 6). Usage:
//   dotnet run -c Release --project benchmarks/documents -- [--megabytes 200] [--rounds 3] [--approvals 1000] [--clients 8]
// --megabytes 0 skips the transfer part, --approvals 0 the RecordApproval part (Approvals.cs).
// Compares, on the same disk, a plain file copy (read, write, fsync) with an upload to the real host (streamed body,
// hashed, fsynced, renamed into the content-addressed store) and a download (hash verified, then streamed; the client
// writes and fsyncs the file), each the median of --rounds, all in MB/s.
var megabytes = Option("--megabytes", 200);
var rounds = Option("--rounds", 3);
var approvals = Option("--approvals", 1000);
var approvalClients = Option("--clients", 8);
var work = Directory.CreateTempSubdirectory("onestop-documents-bench-").FullName;
// Not under the work folder: that one is private to this user, and the cluster runs as postgres when we are root.
var pgPort = HostProcess.FreePort();
var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
{
    RootDirectory = Path.Combine(Path.GetTempPath(), "onestop-documents-bench-pg-" + pgPort), Port = pgPort, Fsync = true,
}, NullLogger.Instance);
try
{
    var source = Path.Combine(work, "source.pdf");
    await WriteSourceAsync(source, megabytes);
    var settings = new Dictionary<string, string>
    {
        ["Documents__StorageRoot"] = Path.Combine(work, "blobs"),
        ["Documents__MaxUploadBytes"] = ((megabytes + 1L) * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
    };
    var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    await using var host = await HostProcess.StartAsync(cluster.ConnectionString, apiKey, CancellationToken.None, settings);
    using var client = new HttpClient { BaseAddress = host.Rest, Timeout = TimeSpan.FromMinutes(10) };
    client.DefaultRequestHeaders.Add("X-Onestop-User", "desk.bench");
    client.DefaultRequestHeaders.Add("X-Onestop-Unit", "000.00.00.H00");
    client.DefaultRequestHeaders.Add("X-Onestop-Roles", "desk_officer");

    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load average {LoadAverage()}");
    if (approvals > 0)
    {
        using var rest = new HttpClient { BaseAddress = host.Rest, Timeout = TimeSpan.FromMinutes(2) };
        using var grpc = new GrpcClient(host.Grpc, apiKey, connections: 2);
        var (viaGrpc, viaRest) = await Onestop.Documents.Benchmarks.Approvals.RunAsync(rest, grpc, approvals, approvalClients, CancellationToken.None);
        Console.WriteLine();
        Console.WriteLine($"{approvals:N0} approvals each way, {approvalClients} closed-loop clients, each dossier awaiting approval with its result uploaded beforehand");
        Console.WriteLine();
        Console.WriteLine("| call | per second | p50 ms | p99 ms | failures |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var (name, result) in new[] { ("gRPC `RecordApproval` (document marked as result + decision, one transaction)", viaGrpc), ("REST `POST /api/dossiers/{id}/decision` (decision alone)", viaRest) })
        {
            Console.WriteLine($"| {name} | {result.PerSecond:N0} | {Load.Percentile(result.Latencies, 0.5):0.0} | {Load.Percentile(result.Latencies, 0.99):0.0} | {result.FailureSummary} |");
        }

        Console.WriteLine($"RecordApproval / bare decision: {viaGrpc.PerSecond / viaRest.PerSecond:0.00}");
    }

    if (megabytes == 0)
    {
        return;
    }

    var copy = new List<double>();
    var upload = new List<double>();
    var download = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        // A different last byte each round: every upload is new content, never deduplicated.
        await using (var file = new FileStream(source, FileMode.Open, FileAccess.Write))
        {
            file.Seek(-1, SeekOrigin.End);
            file.WriteByte((byte)round);
        }

        copy.Add(await TimeAsync(() => CopyAsync(source, Path.Combine(work, $"copy-{round}.pdf"))));
        string? id = null;
        upload.Add(await TimeAsync(async () =>
        {
            await using var body = File.OpenRead(source);
            using var response = await client.PostAsync($"/api/documents?fileName=bench-{round}.pdf", new StreamContent(body, 1 << 17));
            response.EnsureSuccessStatusCode();
            id = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        }));
        download.Add(await TimeAsync(async () =>
        {
            using var response = await client.GetAsync($"/api/documents/{id}/content", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var target = new FileStream(Path.Combine(work, $"download-{round}.pdf"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 17);
            await (await response.Content.ReadAsStreamAsync()).CopyToAsync(target);
            target.Flush(flushToDisk: true);
        }));
    }

    Console.WriteLine();
    Console.WriteLine($"{megabytes} MB file, {rounds} rounds, medians");
    Console.WriteLine();
    Console.WriteLine("| operation | MB/s | ratio to the copy | target ≥ 0.70 |");
    Console.WriteLine("|---|---:|---:|---|");
    var baseline = Rate(copy);
    Console.WriteLine($"| plain file copy (read, write, fsync) | {baseline:N0} | 1.00 | |");
    Console.WriteLine($"| upload `POST /api/documents` | {Rate(upload):N0} | {Rate(upload) / baseline:0.00} | {(Rate(upload) / baseline >= 0.7 ? "met" : "missed")} |");
    Console.WriteLine($"| download `GET /api/documents/{{id}}/content` | {Rate(download):N0} | {Rate(download) / baseline:0.00} | {(Rate(download) / baseline >= 0.7 ? "met" : "missed")} |");

    double Rate(List<double> seconds) => megabytes / seconds.Order().ElementAt(seconds.Count / 2);
}
finally
{
    await cluster.StopAsync();
    Directory.Delete(work, recursive: true);
}

static async Task WriteSourceAsync(string path, int megabytes)
{
    var random = new Random(6);
    var block = new byte[1 << 20];
    await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 17);
    for (var i = 0; i < megabytes; i++)
    {
        random.NextBytes(block);
        if (i == 0)
        {
            "%PDF-1.7\n"u8.CopyTo(block);
        }

        await file.WriteAsync(block);
    }

    file.Flush(flushToDisk: true);
}

static async Task CopyAsync(string from, string to)
{
    await using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 17);
    await using var target = new FileStream(to, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 17);
    await source.CopyToAsync(target);
    target.Flush(flushToDisk: true);
}

static async Task<double> TimeAsync(Func<Task> action)
{
    var started = Stopwatch.GetTimestamp();
    await action();
    return Stopwatch.GetElapsedTime(started).TotalSeconds;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
