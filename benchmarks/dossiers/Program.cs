using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Onestop.Dossiers.Benchmarks;
using Onestop.Postgres.Embedded;

// Dossiers benchmark (issue 5). Usage:
//   dotnet run -c Release --project benchmarks/dossiers -- [--seconds 20] [--units 16] [--clients 16]
// Starts its own PostgreSQL cluster with fsync on and the real host (src/Host, Release) as a separate process, seeds the
// catalogue over REST, then measures desk intake over REST, portal submissions over gRPC, and, while the desks receive
// again, one officer's transitions, a portal's WatchDossierChanges lag and the statistics projection's lag. Docs:
// docs/benchmarks.md.
var seconds = Option("--seconds", 20);
var unitCount = Option("--units", 16);
var clients = Option("--clients", 16);
var statements = args.Contains("--statements");
var grpcConnections = Math.Min(4, clients);
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(Math.Clamp(seconds / 4.0, 1, 5));

using var cancel = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
var loadAtStart = LoadAverage();

var root = Directory.CreateTempSubdirectory("onestop-dossiers-bench-").FullName;
var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
{
    RootDirectory = root,
    Port = HostProcess.FreePort(),
    Fsync = true,
    Settings = statements
        ? new Dictionary<string, string> { ["max_connections"] = "200", ["shared_buffers"] = "256MB", ["shared_preload_libraries"] = "pg_stat_statements" }
        : new Dictionary<string, string> { ["max_connections"] = "200", ["shared_buffers"] = "256MB" },
}, NullLogger.Instance, cancel.Token);
try
{
    var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
    await using var host = await HostProcess.StartAsync(cluster.ConnectionString, apiKey, cancel.Token);
    using var desks = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = host.Rest,
    };
    using var officer = new HttpClient { BaseAddress = host.Rest };
    using var grpc = new GrpcClient(host.Grpc, apiKey, grpcConnections);
    var units = Desk.Communes(unitCount);
    await Desk.SeedAsync(officer, units, cancel.Token);
    var scenarios = new Scenarios(desks, officer, grpc, units);

    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, .NET {Environment.Version}, "
        + $"PostgreSQL {await ShowAsync("server_version")} (fsync {await ShowAsync("fsync")}, shared_buffers {await ShowAsync("shared_buffers")})");
    Console.WriteLine($"Load average (1, 5, 15 min) at start: {loadAtStart}");
    Console.WriteLine($"{clients} clients over {unitCount} receiving unit{(unitCount == 1 ? "" : "s")}; {seconds} s per scenario, after {warmUp.TotalSeconds:0} s of warm-up for each transport");
    Console.WriteLine();

    await scenarios.RestIntakeAsync(clients, warmUp, null, cancel.Token);
    var rest = await scenarios.RestIntakeAsync(clients, duration, null, cancel.Token);
    await scenarios.GrpcSubmitAsync(clients, warmUp, "warm-up", cancel.Token);
    var submit = await scenarios.GrpcSubmitAsync(clients, duration, "run", cancel.Token);

    await using var watcher = ChangeWatcher.Start(grpc);
    await watcher.CatchUpAsync(TimeSpan.FromSeconds(1), cancel.Token);
    var watchedIntakes = new ConcurrentBag<Guid>();
    await using var statistics = ProjectionLagSampler.Start(cluster.ConnectionString);
    var intakeAgain = scenarios.RestIntakeAsync(clients, duration, watchedIntakes, cancel.Token);
    var transitions = await scenarios.TransitionsAsync(duration, cancel.Token);
    var again = await intakeAgain;
    var statisticsLags = await statistics.StopAsync();
    var arrived = await watcher.WaitForIntakesAsync(watchedIntakes, TimeSpan.FromSeconds(30), cancel.Token);
    var lags = await watcher.StopAsync();

    Console.WriteLine("| intake | clients | succeeded | other | dossiers/s | p50 ms | p99 ms | target ≥ 1,500/s |");
    Console.WriteLine("|---|---:|---:|---|---:|---:|---:|---|");
    Console.WriteLine(IntakeRow("REST desk intake, `POST /api/dossiers`, HTTP/1.1", rest, judged: true));
    Console.WriteLine(IntakeRow($"gRPC `SubmitDossier`, {grpcConnections} HTTP/2 connections", submit, judged: true));
    Console.WriteLine(IntakeRow("REST desk intake again, with the transition client and the watcher", again, judged: false));
    Console.WriteLine();
    Console.WriteLine("| during the second REST intake | count | other | p50 ms | p99 ms | max ms | target |");
    Console.WriteLine("|---|---:|---|---:|---:|---:|---|");
    var transitionP99 = Load.Percentile(transitions.Latencies, 0.99);
    Console.WriteLine($"| transition `POST /api/dossiers/{{id}}/assignments`, one officer | {transitions.Succeeded:N0} | {transitions.FailureSummary} | "
        + $"{Ms(Load.Percentile(transitions.Latencies, 0.5))} | {Ms(transitionP99)} | {Ms(transitions.Latencies.LastOrDefault(double.NaN))} | "
        + $"p99 < 25 ms: {Judge(transitionP99 < 25)} |");
    var lagP99 = Load.Percentile(lags, 0.99);
    Console.WriteLine($"| `WatchDossierChanges` lag, committed_at to parsed | {lags.Length:N0} | | {Ms(Load.Percentile(lags, 0.5))} | {Ms(lagP99)} | "
        + $"{Ms(lags.LastOrDefault(double.NaN))} | p99 < 200 ms: {Judge(lagP99 < 200)} |");
    var statisticsP99 = Load.Percentile(statisticsLags, 0.99);
    Console.WriteLine($"| statistics projection lag, sampled every 100 ms (issue 7) | {statisticsLags.Length:N0} | | {Ms(Load.Percentile(statisticsLags, 0.5))} | "
        + $"{Ms(statisticsP99)} | {Ms(statisticsLags.LastOrDefault(double.NaN))} | p99 < 2,000 ms: {Judge(statisticsP99 < 2000)} |");
    Console.WriteLine();
    Console.WriteLine($"WatchDossierChanges completeness: {arrived:N0} of the {watchedIntakes.Count:N0} dossiers received during the measurement arrived "
        + $"on the stream ({watchedIntakes.Count - arrived:N0} missing): {Judge(arrived == watchedIntakes.Count)}");
    Console.WriteLine($"Load average (1, 5, 15 min) at end: {LoadAverage()}");
    if (statements)
    {
        await PrintStatementsAsync();
    }
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted: the host is killed and the cluster stopped.");
    Environment.ExitCode = 130;
}
finally
{
    await cluster.StopAsync();
    Directory.Delete(root, recursive: true);
}

void Cancel(PosixSignalContext signal)
{
    // Ends the scenarios, so the host process is killed and the cluster stopped on the way out.
    signal.Cancel = true;
    cancel.Cancel();
}

// Where PostgreSQL spends its time over the whole run: the statements by total execution time.
async Task PrintStatementsAsync()
{
    await using var db = new NpgsqlConnection(cluster.ConnectionString);
    await db.OpenAsync(cancel.Token);
    await using (var create = new NpgsqlCommand("create extension if not exists pg_stat_statements", db))
    {
        await create.ExecuteNonQueryAsync(cancel.Token);
    }

    await using var top = new NpgsqlCommand(
        """
        select calls, round(total_exec_time::numeric, 0), round((total_exec_time / calls)::numeric * 1000, 0), round(rows::numeric / calls, 1),
               round((shared_blks_hit + shared_blks_read)::numeric / calls, 1), left(regexp_replace(query, '\s+', ' ', 'g'), 110)
          from pg_stat_statements order by total_exec_time desc limit 15
        """, db);
    await using var reader = await top.ExecuteReaderAsync(cancel.Token);
    Console.WriteLine();
    Console.WriteLine("| calls | total ms | µs per call | rows per call | buffers per call | statement |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---|");
    while (await reader.ReadAsync(cancel.Token))
    {
        Console.WriteLine($"| {reader.GetInt64(0):N0} | {reader.GetDecimal(1):N0} | {reader.GetDecimal(2):N0} | {reader.GetDecimal(3):N1} | {reader.GetDecimal(4):N1} | `{reader.GetString(5).Replace("|", "\\|", StringComparison.Ordinal)}` |");
    }
}

async Task<string> ShowAsync(string setting)
{
    await using var db = new NpgsqlConnection(cluster.ConnectionString);
    await db.OpenAsync(cancel.Token);
    await using var show = new NpgsqlCommand($"show {setting}", db);
    return (string)(await show.ExecuteScalarAsync(cancel.Token))!;
}

static string IntakeRow(string name, LoadResult result, bool judged) =>
    $"| {name} | {result.Clients} | {result.Succeeded:N0} | {result.FailureSummary} | {result.PerSecond:N0} | {Ms(Load.Percentile(result.Latencies, 0.5))} | "
    + $"{Ms(Load.Percentile(result.Latencies, 0.99))} | {(judged ? Judge(result.PerSecond >= 1500) : "not judged: shared with the officer and the watcher")} |";

static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("0.00", CultureInfo.InvariantCulture);

static string Judge(bool met) => met ? "met" : "missed";

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string CpuModel() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
