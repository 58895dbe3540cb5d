using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Onestop.EventStore.Benchmarks;

public sealed record BenchEvent(int Writer, long Sequence, string Note);

/// <summary>Each scenario runs closed-loop writers for a fixed time after a short warm-up and returns operations per second.</summary>
public sealed class Scenarios(NpgsqlDataSource dataSource, TimeSpan duration)
{
    private readonly EventTypeRegistry types = new EventTypeRegistry().Register<BenchEvent>("bench.event.v1");
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    private EventStore Store => new(dataSource, types, [], new EventNotifier(dataSource));

    public async Task PrepareAsync()
    {
        await using var command = dataSource.CreateCommand(
            """
            create table if not exists bench_bare (
                position bigint generated always as identity primary key, stream_id text not null, version bigint not null,
                event_id uuid not null, type text not null, data jsonb not null, metadata jsonb not null,
                recorded_at timestamptz not null default now(), tx_id xid8 not null default pg_current_xact_id(), hash bytea not null)
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<string> ServerVersionAsync() => await ScalarAsync("show server_version");

    public async Task<string> SettingAsync(string name) => await ScalarAsync($"show {name}");

    /// <summary>The physical limit: one plain INSERT of the same row shape per transaction, no stream bookkeeping.</summary>
    public Task<double> BareInsertsAsync(int writers) => RunAsync(writers, async (writer, sequence) =>
    {
        await using var command = dataSource.CreateCommand(
            "insert into bench_bare (stream_id, version, event_id, type, data, metadata, hash) values ($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.Add(new NpgsqlParameter { Value = $"bare-{writer}-{sequence % 100}" });
        command.Parameters.Add(new NpgsqlParameter { Value = sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter { Value = "bench.event.v1" });
        command.Parameters.Add(new NpgsqlParameter { Value = types.Serialize(new BenchEvent(writer, sequence, "bare")), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = "{}", NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = new byte[32] });
        await command.ExecuteNonQueryAsync();
        return 1;
    });

    /// <summary>One event per append, with the exact expected version, rotating over 100 streams per writer.</summary>
    public Task<double> SingleAppendsAsync(int writers)
    {
        var store = Store;
        var versions = new long[writers, 100];
        var run = Guid.NewGuid().ToString("N")[..6];
        return RunAsync(writers, async (writer, sequence) =>
        {
            var slot = (int)(sequence % 100);
            var expected = versions[writer, slot] == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(versions[writer, slot]);
            var result = await store.AppendAsync($"single-{run}-{writer}-{slot}", "bench", expected, [new BenchEvent(writer, sequence, "single")]);
            versions[writer, slot] = result.NewVersion;
            return 1;
        });
    }

    /// <summary>
    /// Transactions of <paramref name="eventsPerAppend"/> events, each writer rotating over 1,000 streams of its own:
    /// with the exact expected version, as a command appends, or with "any".
    /// </summary>
    public Task<double> BatchedAppendsAsync(int writers, int eventsPerAppend, bool exact)
    {
        var store = Store;
        var versions = new long[writers, 1000];
        var run = Guid.NewGuid().ToString("N")[..6];
        return RunAsync(writers, async (writer, sequence) =>
        {
            var slot = (int)(sequence % 1000);
            var events = Enumerable.Range(0, eventsPerAppend).Select(i => (object)new BenchEvent(writer, sequence, "batch")).ToArray();
            var expected = !exact ? ExpectedVersion.Any
                : versions[writer, slot] == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(versions[writer, slot]);
            var result = await store.AppendAsync($"batch-{run}-{writer}-{slot}", "bench", expected, events);
            versions[writer, slot] = result.NewVersion;
            return eventsPerAppend;
        });
    }

    /// <summary>Fills the log up to <paramref name="total"/> events with batched appends (not timed).</summary>
    public async Task<long> LoadLogAsync(long total)
    {
        var store = Store;
        var existing = long.Parse(await ScalarAsync("select count(*) from es_events"), System.Globalization.CultureInfo.InvariantCulture);
        var remaining = Math.Max(0, total - existing);
        var perWriter = remaining / 8 / 100 + 1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0L; i < perWriter; i++)
            {
                var events = Enumerable.Range(0, 100).Select(n => (object)new BenchEvent(writer, i, "load")).ToArray();
                await store.AppendAsync($"load-{writer}-{i % 5000}", "bench", ExpectedVersion.Any, events);
            }
        })));
        return long.Parse(await ScalarAsync("select count(*) from es_events"), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the whole log from the start in pages, as a projection rebuild does, deserializing every event.</summary>
    public async Task<(long Events, TimeSpan Elapsed)> ReadWholeLogAsync()
    {
        var store = Store;
        var checkpoint = GlobalCheckpoint.Start;
        var count = 0L;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var page = await store.ReadAllAsync(checkpoint, 5_000);
            if (page.Count == 0)
            {
                return (count, clock.Elapsed);
            }

            count += page.Count;
            checkpoint = page[^1].Checkpoint;
        }
    }

    private async Task<double> RunAsync(int writers, Func<int, long, Task<int>> operation)
    {
        var measuring = false;
        var done = false;
        var counts = new long[writers];
        var tasks = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var sequence = 0L; !Volatile.Read(ref done); sequence++)
            {
                var n = await operation(writer, sequence);
                if (Volatile.Read(ref measuring))
                {
                    counts[writer] += n;
                }
            }
        })).ToArray();
        await Task.Delay(WarmUp);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var elapsed = clock.Elapsed;
        Volatile.Write(ref done, true);
        await Task.WhenAll(tasks);
        return counts.Sum() / elapsed.TotalSeconds;
    }

    private async Task<string> ScalarAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
