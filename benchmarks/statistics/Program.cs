using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Onestop.Catalogue;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.FieldsAndUnits;
using Onestop.Dossiers;
using Onestop.EventStore;
using Onestop.EventStore.Projections;
using Onestop.Messaging;
using Onestop.Postgres;
using Onestop.Postgres.Embedded;
using Onestop.Postgres.Migrations;
using Onestop.Statistics;
using Onestop.Statistics.Benchmarks;
using Onestop.Statistics.Features;
using Onestop.Statistics.Projections;

// Statistics benchmark (issue 7). Usage:
//   dotnet run -c Release --project benchmarks/statistics -- [--dossiers 1000000] [--writers 4] [--queries 1000] [--data DIR [--reports-only]]
// Starts its own PostgreSQL cluster (fsync on), writes the dossiers' event streams straight to the event store, then
// times a rebuild of the statistics projection from zero and the reports' latency over the year: the summary for a
// commune and for the province (its 200 communes), the province's intake table and months, and a range that is not
// whole months. With --data the cluster lives in DIR and is kept: a second run on the
// same DIR skips the writing (20 minutes for 1,000,000 dossiers here) and times the rebuild and the reports again.
var dossiers = Option("--dossiers", 1_000_000);
var writers = Option("--writers", 4);
var queries = Option("--queries", 1000);
var pgPort = Random.Shared.Next(40000, 50000);
var dataIndex = Array.IndexOf(args, "--data");
var keptData = dataIndex >= 0 && dataIndex + 1 < args.Length ? Path.GetFullPath(args[dataIndex + 1]) : null;
var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
{
    RootDirectory = keptData ?? Path.Combine(Path.GetTempPath(), "onestop-statistics-bench-" + pgPort),
    Port = pgPort,
    Settings = new Dictionary<string, string> { ["max_connections"] = "100", ["shared_buffers"] = "512MB" },
}, NullLogger.Instance);
try
{
    var builder = WebApplication.CreateBuilder();
    builder.Logging.ClearProviders();
    builder.Services.AddSingleton(_ => PlatformDatabase.CreateDataSource(cluster.ConnectionString));
    builder.Services.AddSingleton<MigrationRunner>();
    builder.Services.AddEventStore();
    builder.Services.AddCatalogue();
    builder.Services.AddDossiers();
    builder.Services.AddStatistics();
    await using var app = builder.Build();
    await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
    var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
    Task<T> SendAsync<T>(IRequest<T> request) => SendTo(app.Services, request);
    var types = app.Services.GetRequiredService<EventTypeRegistry>();
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load average {LoadAverage()}");
    var events = await CountAsync("select count(*) from es_events where stream_id like 'dossier-%'");
    if (events > 0)
    {
        Console.WriteLine($"Reusing the {await CountAsync("select count(distinct stream_id) from es_events where stream_id like 'dossier-%'"):N0} dossiers, {events:N0} events in {keptData}");
    }
    else
    {
        await SendAsync(new RegisterUnit("H51", "UBND tỉnh", UnitKind.Province));
        for (var u = 0; u < Generator.Units; u++)
        {
            await SendAsync(new RegisterUnit(Generator.Unit(u), $"UBND xã số {u}", UnitKind.Commune, "H51"));
        }

        var written = Stopwatch.StartNew();
        var store = new EventStore(dataSource, types, [], new EventNotifier(dataSource));
        events = await Generator.WriteAsync(store, dossiers, writers);
        Console.WriteLine($"Wrote {dossiers:N0} dossiers, {events:N0} events in {written.Elapsed.TotalSeconds:0.0} s ({events / written.Elapsed.TotalSeconds:N0} events/s)");
        await ExecuteAsync("vacuum analyze");
    }

    var runner = new ProjectionRunner(new DossierFactsProjection(app.Services.GetRequiredService<Onestop.Catalogue.Features.Calendar.WorkingCalendarService>()), dataSource, types, new EventNotifier(dataSource),
        new ProjectionOptions(), NullLogger.Instance);
    var rebuild = Stopwatch.StartNew();
    if (args.Contains("--reports-only"))
    {
        await runner.CatchUpAsync();
        Console.WriteLine("Caught up; no rebuild (--reports-only)");
    }
    else
    {
        await runner.RebuildAsync();
        var rate = events / rebuild.Elapsed.TotalSeconds;
        Console.WriteLine($"Rebuild from zero in batches of {runner.RebuildBatchSize:N0}: {rebuild.Elapsed.TotalSeconds:0.0} s = {rate:N0} events/s (target 50,000: {(rate >= 50_000 ? "met" : "missed")})");
    }

    await ExecuteAsync("analyze");

    var random = new Random(1);
    var year = Scope("H51", children: true);
    var reports = new (string Name, Func<Task> Query)[]
    {
        ("summary, one commune", () => SendAsync(new GetDossierSummary(Scope(Generator.Unit(random.Next(Generator.Units)), children: false)))),
        ("summary, the province (200 communes)", () => SendAsync(new GetDossierSummary(year))),
        ("intake table by procedure, the province", () => SendAsync(new GetIntakeReport(year))),
        ("months of the year, the province", () => SendAsync(new GetPeriodReport(year, ReportPeriod.Month))),
        ("summary, the province, 15 March to 10 November", () => SendAsync(new GetDossierSummary(
            year with { From = new DateOnly(2026, 3, 15), To = new DateOnly(2026, 11, 10) }))),
    };
    Console.WriteLine();
    Console.WriteLine("| report over 2026 | p50 ms | p99 ms | target p99 |");
    Console.WriteLine("|---|---|---|---|");
    foreach (var (name, query) in reports)
    {
        var times = await LatenciesAsync(query);
        Console.WriteLine($"| {name} | {P(times, 0.5)} | {P(times, 0.99)} | 50 ms: {(times[(int)(times.Length * 0.99)] < 50 ? "met" : "missed")} |");
    }
}
finally
{
    await cluster.StopAsync();
}

static ReportScope Scope(string unit, bool children) => new(unit, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), children);

async Task<double[]> LatenciesAsync(Func<Task> query)
{
    for (var i = 0; i < 20; i++)
    {
        await query();
    }

    var times = new double[queries];
    for (var i = 0; i < queries; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await query();
        times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    Array.Sort(times);
    return times;
}

static async Task<T> SendTo<T>(IServiceProvider services, IRequest<T> request)
{
    await using var scope = services.CreateAsyncScope();
    var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
    (context.IsSystem, context.Actor) = (true, "system:benchmark");
    return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
}

async Task ExecuteAsync(string sql)
{
    await using var db = new NpgsqlConnection(cluster.ConnectionString);
    await db.OpenAsync();
    await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

async Task<long> CountAsync(string sql)
{
    await using var db = new NpgsqlConnection(cluster.ConnectionString);
    await db.OpenAsync();
    await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

static string P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * q))].ToString("0.00", CultureInfo.InvariantCulture);

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
