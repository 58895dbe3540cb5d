using Npgsql;
using Onestop.EventStore.Feeds;
using Onestop.EventStore.Projections;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.EventStore.Tests;

public sealed class EventFeedTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>, IAsyncLifetime
{
    private static readonly FeedTable Feed = new("test_account_feed", FilterColumn: "branch");
    private EventStore store = null!;
    private EventFeed feed = null!;

    public async Task InitializeAsync()
    {
        await using var command = db.DataSource.CreateCommand(
            """
            create table if not exists test_account_feed (
                tx_id xid8 not null default pg_current_xact_id(), position bigint not null, stream_id text not null,
                version bigint not null, branch text, primary key (tx_id, position));
            create index if not exists test_account_feed_branch on test_account_feed (branch, tx_id, position);
            """);
        await command.ExecuteNonQueryAsync();
        store = db.CreateStore([new BranchFeedProjection()]);
        feed = new EventFeed(db.DataSource, db.Types, db.Notifier);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_filtered_read_gives_only_that_branchs_events_in_commit_order_and_resumes_after_its_cursor()
    {
        var start = await EndAsync();
        var hanoi = $"hn-{Guid.NewGuid():N}";
        var hue = $"hue-{Guid.NewGuid():N}";
        await store.AppendAsync(hanoi, "account", ExpectedVersion.NoStream, [new AccountOpened("Hà Nội"), new MoneyDeposited(10)]);
        await store.AppendAsync(hue, "account", ExpectedVersion.NoStream, [new AccountOpened("Huế")]);
        await store.AppendAsync(hanoi, "account", ExpectedVersion.Exactly(2), [new MoneyWithdrawn(3)]);
        await LogHorizon.PassAsync(db.DataSource);

        var hanoiEvents = await feed.ReadAsync(Feed, start, 100, ["Hà Nội"]);
        var all = await feed.ReadAsync(Feed, start, 100);

        hanoiEvents.Select(e => (e.StreamId, e.Version)).ShouldBe([(hanoi, 1L), (hanoi, 2L), (hanoi, 3L)]);
        all.Select(e => e.StreamId).ShouldBe([hanoi, hanoi, hue, hanoi]);
        (await feed.ReadAsync(Feed, all[1].Checkpoint, 100)).Select(e => (e.StreamId, e.Version)).ShouldBe([(hue, 1L), (hanoi, 3L)]);
    }

    [Fact]
    public async Task an_event_whose_transaction_commits_late_is_read_after_the_cursor_never_skipped()
    {
        var start = await EndAsync();
        var slow = $"slow-{Guid.NewGuid():N}";
        var fast = $"fast-{Guid.NewGuid():N}";

        await using (var session = store.OpenSession())
        {
            await session.AppendAsync(slow, "account", ExpectedVersion.NoStream, [new AccountOpened("Chậm")]);
            await store.AppendAsync(fast, "account", ExpectedVersion.NoStream, [new AccountOpened("Nhanh")]);
            (await feed.ReadAsync(Feed, start, 100)).ShouldBeEmpty();
            await session.CommitAsync();
        }

        await LogHorizon.PassAsync(db.DataSource);

        (await feed.ReadAsync(Feed, start, 100)).Select(e => e.StreamId).ShouldBe([slow, fast]);
    }

    [Fact]
    public async Task a_watcher_gets_the_history_then_a_live_event_of_its_branch_and_none_of_another()
    {
        var start = await EndAsync();
        var branch = $"Đà Nẵng {Guid.NewGuid():N}";
        var first = $"dn-{Guid.NewGuid():N}";
        await store.AppendAsync(first, "account", ExpectedVersion.NoStream, [new AccountOpened(branch)]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new System.Collections.Concurrent.ConcurrentQueue<RecordedEvent>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in feed.WatchAsync(Feed, start, [branch], cancel.Token))
            {
                received.Enqueue(e);
                if (received.Count == 2)
                {
                    return;
                }
            }
        });

        await Eventually.Until(() => Task.FromResult(received.Count), count => count == 1, TimeSpan.FromSeconds(10), "the history");
        await store.AppendAsync($"other-{Guid.NewGuid():N}", "account", ExpectedVersion.NoStream, [new AccountOpened("Cần Thơ")]);
        await store.AppendAsync(first, "account", ExpectedVersion.Exactly(1), [new MoneyDeposited(5)]);
        await watching.WaitAsync(TimeSpan.FromSeconds(20));

        received.Select(e => (e.StreamId, e.Version)).ShouldBe([(first, 1L), (first, 2L)]);
    }

    private async Task<GlobalCheckpoint> EndAsync()
    {
        await LogHorizon.PassAsync(db.DataSource);
        var events = await feed.ReadAsync(Feed, GlobalCheckpoint.Start, 100_000);
        return events.Count == 0 ? GlobalCheckpoint.Start : events[^1].Checkpoint;
    }

    /// <summary>Records every account event in the feed under the account owner's name, as a module's inline projection would.</summary>
    private sealed class BranchFeedProjection : IInlineProjection
    {
        private readonly Dictionary<string, string> owners = [];

        public IReadOnlySet<string> StreamTypes { get; } = new HashSet<string> { "account" };

        public Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            lock (owners)
            {
                foreach (var e in events)
                {
                    if (e.Data is AccountOpened opened)
                    {
                        owners[e.StreamId] = opened.Owner;
                    }
                }
            }

            return EventFeed.RecordAsync(transaction, Feed, events, e => { lock (owners) { return owners.GetValueOrDefault(e.StreamId); } }, cancellationToken);
        }
    }
}
