using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Onestop.EventStore;
using Onestop.EventStore.Benchmarks;
using Onestop.Postgres;
using Onestop.Postgres.Embedded;
using Onestop.Postgres.Migrations;

// Event store benchmark (issue 2). Usage:
//   dotnet run -c Release --project benchmarks/EventStore.Benchmarks -- [--seconds N] [--rounds N] [--read-events N] [--only append|batch] [--connection CS]
// Without --connection it starts its own PostgreSQL cluster with fsync on, in a temporary folder.
var seconds = Option("--seconds", 10);
var readEvents = Option("--read-events", 1_000_000);
var connection = OptionText("--connection");
var only = OptionText("--only");
var rounds = Option("--rounds", 3);

EmbeddedPostgres? cluster = null;
if (connection is null)
{
    var port = Random.Shared.Next(40000, 50000);
    cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
    {
        RootDirectory = Path.Combine(Path.GetTempPath(), "onestop-bench-" + port),
        Port = port,
        Fsync = true,
        Settings = new Dictionary<string, string> { ["max_connections"] = "100", ["shared_buffers"] = "512MB" },
    }, NullLogger.Instance);
    connection = cluster.ConnectionString;
}

try
{
    await using var dataSource = PlatformDatabase.CreateDataSource(connection);
    await new MigrationRunner(dataSource, [new MigrationSource("eventstore", typeof(EventStore).Assembly)], NullLogger<MigrationRunner>.Instance).ApplyAsync();
    var bench = new Scenarios(dataSource, TimeSpan.FromSeconds(seconds));
    await bench.PrepareAsync();

    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, PostgreSQL {await bench.ServerVersionAsync()} (fsync {await bench.SettingAsync("fsync")})");
    Console.WriteLine();
    Console.WriteLine("| writers | bare INSERT/s | append/s | ratio | target 0.70 |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var writers in only == "batch" ? [] : new[] { 1, 4, 16 })
    {
        // Interleaved rounds, medians: a noisy neighbour slows both sides alike instead of skewing one.
        var bares = new List<double>();
        var appends = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            bares.Add(await bench.BareInsertsAsync(writers));
            appends.Add(await bench.SingleAppendsAsync(writers));
        }

        var (bare, append) = (Median(bares), Median(appends));
        var ratio = append / bare;
        Console.WriteLine($"| {writers} | {bare:N0} | {append:N0} | {ratio:0.00} | {(ratio >= 0.70 ? "met" : "missed")} |");
    }

    if (only == "append")
    {
        return;
    }

    Console.WriteLine();
    var batched = await bench.BatchedAppendsAsync(writers: 4, eventsPerAppend: 10, exact: true);
    Console.WriteLine($"Batched appends, 4 writers x 10 events per transaction, exact expected version: {batched:N0} events/s (target 40,000: {(batched >= 40_000 ? "met" : "missed")})");
    var batchedAny = await bench.BatchedAppendsAsync(writers: 4, eventsPerAppend: 10, exact: false);
    Console.WriteLine($"Batched appends, the same with ExpectedVersion.Any (stream row lock): {batchedAny:N0} events/s");
    if (only == "batch")
    {
        return;
    }

    var loaded = await bench.LoadLogAsync(readEvents);
    var (read, elapsed) = await bench.ReadWholeLogAsync();
    Console.WriteLine($"Gap-free global read of {read:N0} events ({loaded:N0} loaded): {elapsed.TotalSeconds:0.00} s = {read / elapsed.TotalSeconds:N0} events/s (target 150,000: {(read / elapsed.TotalSeconds >= 150_000 ? "met" : "missed")})");
}
finally
{
    if (cluster is not null)
    {
        await cluster.StopAsync();
    }
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

int Option(string name, int fallback) =>
    OptionText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
