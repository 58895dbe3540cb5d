using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Onestop.EventStore.CrashWriter;
using Onestop.EventStore.Projections;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.EventStore.Tests;

public sealed class ProjectionTests : IAsyncLifetime
{
    private readonly EventStoreDatabase db = new();
    private EventStore store = null!;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        store = new EventStore(db.DataSource, CountingProjection.Registry(), [], db.Notifier);
        await CountingProjection.CreateTableAsync(db.DataSource);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task a_projection_that_fails_mid_batch_resumes_without_losing_or_doubling_an_effect()
    {
        await AppendAsync(streams: 20, eventsEach: 30);
        var failures = 0;
        var flaky = new FailingOnce(new CountingProjection(TimeSpan.Zero), failAfterBatches: 1, () => failures++);
        var runner = Runner(flaky, batchSize: 100);

        await Should.ThrowAsync<InvalidOperationException>(() => runner.CatchUpAsync());
        await runner.CatchUpAsync();

        failures.ShouldBe(1);
        await ShouldMatchStreamsAsync();
    }

    [Fact]
    public async Task rebuilding_from_zero_gives_the_same_read_model()
    {
        await AppendAsync(streams: 15, eventsEach: 11);
        var runner = Runner(new CountingProjection(TimeSpan.Zero), batchSize: 37);
        await runner.CatchUpAsync();
        var before = await SnapshotAsync();

        (await runner.RebuildAsync()).ShouldBeTrue();

        (await SnapshotAsync()).ShouldBe(before);
        await ShouldMatchStreamsAsync();
    }

    [Fact]
    public async Task two_runners_on_one_database_never_process_the_same_projection_at_once()
    {
        var active = 0;
        var maxActive = 0;
        var batches = new int[2];
        var runners = Enumerable.Range(0, 2).Select(i => Runner(new ObservedProjection(new CountingProjection(TimeSpan.FromMilliseconds(1)), () =>
        {
            Interlocked.Increment(ref batches[i]);
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref maxActive, now);
        }, () => Interlocked.Decrement(ref active)), batchSize: 20)).ToArray();
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var running = new[] { runners[0].RunAsync(stopFirst.Token), runners[1].RunAsync(stopSecond.Token) };

        await AppendAsync(streams: 10, eventsEach: 20);
        await WaitUntilCaughtUpAsync();
        var activeRunner = batches[0] > 0 ? 0 : 1;
        batches[1 - activeRunner].ShouldBe(0, "the standby runner processed a batch while the other held the projection");

        // The active runner stops: the standby takes over and carries on from the checkpoint.
        await (activeRunner == 0 ? stopFirst : stopSecond).CancelAsync();
        await running[activeRunner];
        await AppendAsync(streams: 10, eventsEach: 5, prefix: "after");
        await WaitUntilCaughtUpAsync();

        batches[1 - activeRunner].ShouldBeGreaterThan(0);
        maxActive.ShouldBe(1);
        await ShouldMatchStreamsAsync();
        await (activeRunner == 0 ? stopSecond : stopFirst).CancelAsync();
        await Task.WhenAll(running);
    }

    [Fact]
    public async Task a_runner_stopped_at_any_moment_leaves_no_lock_on_the_pooled_connections()
    {
        // Pooled connections are not reset on close, so a lock the runner left behind would stay with the pool and
        // keep every other runner of the projection in standby.
        await AppendAsync(streams: 10, eventsEach: 50);
        for (var round = 0; round < 30; round++)
        {
            var runner = Runner(new CountingProjection(TimeSpan.FromMilliseconds(1)), batchSize: 10);
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(round % 10 * 3));
            await runner.RunAsync(stop.Token);
        }

        (await db.ScalarAsync(
            """
            select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and a.datname = current_database()
            """)).ShouldBe(0);
        (await Runner(new CountingProjection(TimeSpan.Zero), batchSize: 100).CatchUpAsync()).ShouldBeTrue("another runner still holds the projection");
        await ShouldMatchStreamsAsync();
    }

    [Fact]
    public async Task a_commit_wakes_an_idle_runner_long_before_its_poll_interval()
    {
        var runner = Runner(new CountingProjection(TimeSpan.Zero), batchSize: 100, pollInterval: TimeSpan.FromMinutes(5));
        using var stop = new CancellationTokenSource();
        var running = runner.RunAsync(stop.Token);
        await AppendAsync(streams: 1, eventsEach: 1, prefix: "before");
        await WaitUntilCaughtUpAsync();

        // Only NOTIFY can wake it now. Keep committing: a read held back by another database's open transaction
        // (test classes share the cluster) is retried at the next commit's notification.
        var woken = DateTime.UtcNow;
        var target = await LastPositionAfterAppendAsync("woken");
        await Eventually.Until(async () =>
        {
            if ((await ProjectionRunner.GetCheckpointAsync(db.DataSource, "test-counting")).Position >= target)
            {
                return true;
            }

            await store.AppendAsync("woken-nudge", "count", ExpectedVersion.Any, [new Counted(0)]);
            return false;
        }, done => done, TimeSpan.FromSeconds(20), "a notification to wake the runner");

        (DateTime.UtcNow - woken).ShouldBeLessThan(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task a_read_held_back_by_an_older_open_transaction_is_retried_when_it_ends_without_any_notification()
    {
        var runner = Runner(new CountingProjection(TimeSpan.Zero), batchSize: 100, pollInterval: TimeSpan.FromMinutes(5));
        using var stop = new CancellationTokenSource();
        var running = runner.RunAsync(stop.Token);
        // A transaction with an id, open in another database of the cluster: every gap-free read stops below it, and it
        // ends without notifying anyone here.
        await using var other = new NpgsqlConnection(await TestPostgres.CreateDatabaseAsync("horizon"));
        await other.OpenAsync();
        await using var open = await other.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("select pg_current_xact_id()", other, open))
        {
            await xid.ExecuteScalarAsync();
        }

        // The append's commit wakes the runner, whose read stops below the open transaction.
        var target = await LastPositionAfterAppendAsync("held");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        (await ProjectionRunner.GetCheckpointAsync(db.DataSource, "test-counting")).Position.ShouldBeLessThan(target, "the open transaction holds the read back");

        await open.RollbackAsync();
        var released = DateTime.UtcNow;
        await Eventually.Until(async () => (await ProjectionRunner.GetCheckpointAsync(db.DataSource, "test-counting")).Position >= target,
            caughtUp => caughtUp, TimeSpan.FromSeconds(10), "the held-back read to be retried");
        (DateTime.UtcNow - released).ShouldBeLessThan(TimeSpan.FromSeconds(5), "retried long before the 5-minute poll");
        await stop.CancelAsync();
        await running;
    }

    private async Task<long> LastPositionAfterAppendAsync(string stream)
    {
        await store.AppendAsync(stream, "count", ExpectedVersion.Any, [new Counted(0)]);
        return await LastPosition();
    }

    private ProjectionRunner Runner(IAsyncProjection projection, int batchSize, TimeSpan? pollInterval = null) =>
        new(projection, db.DataSource, store.Types, db.Notifier,
            new ProjectionOptions
            {
                BatchSize = batchSize, PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(50), LockRetryInterval = TimeSpan.FromMilliseconds(50),
            },
            NullLogger.Instance);

    private async Task AppendAsync(int streams, int eventsEach, string prefix = "count")
    {
        for (var s = 0; s < streams; s++)
        {
            var events = Enumerable.Range(0, eventsEach).Select(i => (object)new Counted(i)).ToArray();
            await store.AppendAsync($"{prefix}-{s}", "count", ExpectedVersion.Any, events);
        }

        await LogHorizon.PassAsync(db.DataSource);
    }

    private Task WaitUntilCaughtUpAsync() =>
        Eventually.Until(
            async () => (await ProjectionRunner.GetCheckpointAsync(db.DataSource, "test-counting")).Position == await LastPosition(),
            caughtUp => caughtUp, what: "the projection to catch up");

    private Task<long> LastPosition() => db.ScalarAsync("select coalesce(max(position), 0) from es_events");

    private async Task ShouldMatchStreamsAsync()
    {
        var mismatches = await db.ScalarAsync(
            $"""
            select count(*) from (select stream_id, max(version) as version from es_events group by stream_id) s
            full join {CountingProjection.Table} c on c.stream_id = s.stream_id
            where c.events is distinct from s.version or c.last_version is distinct from s.version
            """);
        mismatches.ShouldBe(0, "some stream's events were lost or counted twice: " + string.Join(", ", await SnapshotAsync()));
    }

    private async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        await using var command = db.DataSource.CreateCommand($"select stream_id || '=' || events || '@' || last_version from {CountingProjection.Table} order by stream_id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    /// <summary>Applies part of a batch, then throws, as a crash in the middle of a batch would.</summary>
    private sealed class FailingOnce(IAsyncProjection inner, int failAfterBatches, Action onFail) : IAsyncProjection
    {
        private int batches;

        public string Name => inner.Name;

        public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            if (++batches == failAfterBatches + 1)
            {
                await inner.ApplyAsync(transaction, events.Take(events.Count / 2).ToList(), cancellationToken);
                onFail();
                throw new InvalidOperationException("simulated crash in the middle of a batch");
            }

            await inner.ApplyAsync(transaction, events, cancellationToken);
        }

        public Task ResetAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) => inner.ResetAsync(transaction, cancellationToken);
    }

    private sealed class ObservedProjection(IAsyncProjection inner, Action started, Action finished) : IAsyncProjection
    {
        public string Name => inner.Name;

        public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            started();
            try
            {
                await inner.ApplyAsync(transaction, events, cancellationToken);
            }
            finally
            {
                finished();
            }
        }

        public Task ResetAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) => inner.ResetAsync(transaction, cancellationToken);
    }
}
