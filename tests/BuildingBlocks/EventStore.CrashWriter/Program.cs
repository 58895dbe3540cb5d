using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Onestop.EventStore;
using Onestop.EventStore.CrashWriter;
using Onestop.EventStore.Projections;

// Usage: append <connection string> <stream prefix> <events per batch>
//        project <connection string>
// Prints one line per step so the test knows when to kill it.
var mode = args[0];
await using var dataSource = NpgsqlDataSource.Create(args[1]);
var types = CountingProjection.Registry();
await using var notifier = new EventNotifier(dataSource);

if (mode == "append")
{
    var store = new EventStore(dataSource, types, [], notifier);
    var batchSize = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    for (var batch = 0; ; batch++)
    {
        Console.WriteLine($"appending {batch}");
        var events = Enumerable.Range(0, batchSize).Select(i => (object)new Counted(i)).ToArray();
        await store.AppendAsync($"{args[2]}-{batch}", "crash", ExpectedVersion.NoStream, events);
        Console.WriteLine($"committed {batch}");
    }
}

if (mode == "project")
{
    var projection = new CountingProjection(TimeSpan.FromMilliseconds(2), count => Console.WriteLine($"batch {count}"));
    var runner = new ProjectionRunner(projection, dataSource, types, notifier, new ProjectionOptions { BatchSize = 200 }, NullLogger.Instance);
    await runner.CatchUpAsync();
    Console.WriteLine("caught up");
}
