using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Onestop.Catalogue;
using Onestop.Catalogue.Benchmarks;
using Onestop.Catalogue.Features.QrCodes;
using Onestop.Catalogue.Features.Search;
using Onestop.EventStore;
using Onestop.Messaging.Http;
using Onestop.Postgres;
using Onestop.Postgres.Embedded;
using Onestop.Postgres.Migrations;

// Catalogue benchmark (issue 4). Usage:
//   dotnet run -c Release --project benchmarks/catalogue -- [--procedures 5000] [--iterations 2000] [--seconds 10] [--connection CS]
// Starts its own PostgreSQL cluster (unless --connection) and the catalogue endpoints on Kestrel at 127.0.0.1, seeds
// the procedures, then measures search latency in-process (mediator) and over HTTP, page and QR throughput with h2load
// (a separate process) when installed, and raw QR PNG generation.
var procedures = Option("--procedures", 5000);
var iterations = Option("--iterations", 2000);
var seconds = Option("--seconds", 10);
var connection = OptionText("--connection");
var port = Random.Shared.Next(20000, 30000);

EmbeddedPostgres? cluster = null;
if (connection is null)
{
    var pgPort = Random.Shared.Next(40000, 50000);
    cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
    {
        RootDirectory = Path.Combine(Path.GetTempPath(), "onestop-catalogue-bench-" + pgPort),
        Port = pgPort,
        Settings = new Dictionary<string, string> { ["max_connections"] = "100", ["shared_buffers"] = "256MB" },
    }, NullLogger.Instance);
    connection = cluster.ConnectionString;
}

try
{
    var builder = WebApplication.CreateBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
    builder.Services.AddSingleton(_ => PlatformDatabase.CreateDataSource(connection));
    builder.Services.AddSingleton<MigrationRunner>();
    builder.Services.AddEventStore();
    builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
    builder.Services.AddCatalogue();
    builder.Services.AddHttpErrorHandling();
    await using var app = builder.Build();
    await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
    app.UseHttpErrorHandling();
    app.MapCatalogue();
    await app.StartAsync();

    var seed = Stopwatch.StartNew();
    var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
    if (long.Parse(await ScalarAsync(dataSource, "select count(*) from catalogue_procedures"), CultureInfo.InvariantCulture) == 0)
    {
        await SampleCatalogue.SeedAsync(app.Services, procedures);
    }

    await using (var db = await dataSource.OpenConnectionAsync())
    {
        await using var analyze = new NpgsqlCommand("analyze", db);
        await analyze.ExecuteNonQueryAsync();
    }

    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {await ScalarAsync(dataSource, "select version()")}");
    Console.WriteLine($"Catalogue: {await ScalarAsync(dataSource, "select count(*) from catalogue_procedures")} procedures in 16 fields (seeded in {seed.Elapsed.TotalSeconds:0.0} s)");
    Console.WriteLine();

    var queries = new SearchProcedures[]
    {
        new("dang ky khai sinh"), new("khai sinh"), new("đăng ký khai sinh"), new("DKKS"), new("dang ki khai sinh"), new("khai snh"),
        new(SampleCatalogue.BirthCode), new("1.10"), new("giay phep xay dung"), new("ho kinh doanh", FieldCode: "F07"),
        new("cap lai", OnlineLevel: Onestop.Catalogue.Domain.OnlineLevel.Full), new("the bao hiem y te", UnitCode: "H27.01"), new("tro cap xa hoi", Page: 2),
    };
    Console.WriteLine("| search | p50 ms | p99 ms | target p99 |");
    Console.WriteLine("|---|---|---|---|");
    var inProcess = await LatenciesAsync(iterations, async i =>
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(queries[i % queries.Length]);
    });
    Report("in-process (mediator)", inProcess, 15);
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    var urls = queries.Select(Url).ToArray();
    var overHttp = await LatenciesAsync(iterations, async i => (await http.GetAsync(urls[i % urls.Length])).EnsureSuccessStatusCode());
    Report("over HTTP (1 connection, sequential)", overHttp, 30);

    var pageCodes = await CodesAsync(dataSource, 200);
    Console.WriteLine();
    Console.WriteLine("| over HTTP (h2load --h1, 64 connections) | requests/s | target |");
    Console.WriteLine("|---|---|---|");
    await H2LoadAsync("procedure page, one code", [$"http://127.0.0.1:{port}/thu-tuc/{SampleCatalogue.BirthCode}"], seconds, 2000);
    await H2LoadAsync("procedure page, 200 codes", pageCodes.Select(c => $"http://127.0.0.1:{port}/thu-tuc/{c}").ToArray(), seconds, 2000);
    await H2LoadAsync("QR PNG, 200 codes", pageCodes.Select(c => $"http://127.0.0.1:{port}/qr/thu-tuc/{c}.png").ToArray(), seconds, 1000);
    await H2LoadAsync("search API", urls.Select(u => $"http://127.0.0.1:{port}{u}").ToArray(), seconds, null);

    var qr = new QrImages();
    var generated = 0;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromSeconds(Math.Min(seconds, 5)))
    {
        // A new URL every time: no cache hit, the full encode + PNG cost.
        qr.Png($"https://hahuytap.hatinhcity.gov.vn/thu-tuc/1.{generated:000000}", QrImages.DefaultSize);
        generated++;
    }

    var perSecond = generated / clock.Elapsed.TotalSeconds;
    Console.WriteLine();
    Console.WriteLine($"QR PNG generation in-process, 1 thread, uncached, {QrImages.DefaultSize} px: {perSecond:N0}/s (target 1,000: {(perSecond >= 1000 ? "met" : "missed")})");
    await app.StopAsync();
}
finally
{
    if (cluster is not null)
    {
        await cluster.StopAsync();
    }
}

static string Url(SearchProcedures q) =>
    $"/api/catalogue/search?q={Uri.EscapeDataString(q.Text!)}&page={q.Page}"
    + (q.FieldCode is null ? "" : $"&field={q.FieldCode}") + (q.UnitCode is null ? "" : $"&unit={q.UnitCode}")
    + (q.OnlineLevel is null ? "" : $"&online={q.OnlineLevel}");

static async Task<double[]> LatenciesAsync(int iterations, Func<int, Task> action)
{
    for (var i = 0; i < 200; i++)
    {
        await action(i);
    }

    var samples = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await action(i);
        samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    Array.Sort(samples);
    return samples;
}

static void Report(string name, double[] sorted, double targetP99)
{
    var (p50, p99) = (sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)]);
    Console.WriteLine($"| {name} | {p50:0.00} | {p99:0.00} | {targetP99} ms: {(p99 < targetP99 ? "met" : "missed")} |");
}

static async Task H2LoadAsync(string name, string[] urls, int seconds, int? target)
{
    var args = new List<string> { "--h1", "-c", "64", "-t", "1", "-D", seconds.ToString(CultureInfo.InvariantCulture), "--warm-up-time", "2" };
    args.AddRange(urls);
    string output;
    try
    {
        using var process = Process.Start(new ProcessStartInfo("h2load", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
    }
    catch (System.ComponentModel.Win32Exception)
    {
        Console.WriteLine($"| {name} | h2load not installed (apt-get install nghttp2-client) | |");
        return;
    }

    var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("finished in", StringComparison.Ordinal)) ?? "";
    var status = output.Split('\n').FirstOrDefault(l => l.StartsWith("status codes:", StringComparison.Ordinal))?.Trim() ?? "";
    var rps = double.TryParse(line.Split(',').ElementAtOrDefault(1)?.Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var value) ? value : 0;
    Console.WriteLine($"| {name} ({status}) | {rps:N0} | {(target is null ? "" : $"{target:N0}: {(rps >= target ? "met" : "missed")}")} |");
}

static async Task<string> ScalarAsync(NpgsqlDataSource dataSource, string sql)
{
    await using var db = await dataSource.OpenConnectionAsync();
    await using var command = new NpgsqlCommand(sql, db);
    return (await command.ExecuteScalarAsync())?.ToString() ?? "";
}

static async Task<List<string>> CodesAsync(NpgsqlDataSource dataSource, int count)
{
    await using var db = await dataSource.OpenConnectionAsync();
    await using var command = new NpgsqlCommand($"select code from catalogue_procedures order by md5(code) limit {count}", db);
    await using var reader = await command.ExecuteReaderAsync();
    var codes = new List<string>();
    while (await reader.ReadAsync())
    {
        codes.Add(reader.GetString(0));
    }

    return codes;
}

int Option(string name, int fallback) => OptionText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
