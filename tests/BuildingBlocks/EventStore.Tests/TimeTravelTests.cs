using Shouldly;
using Xunit;

namespace Onestop.EventStore.Tests;

public sealed class TimeTravelTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task state_at_a_version_folds_only_the_events_up_to_it()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.NoStream,
            [new AccountOpened("Quang"), new MoneyDeposited(100m), new MoneyWithdrawn(30m), new MoneyDeposited(5m)]);

        var (atTwo, version) = await db.Store.AggregateStreamAsync<Account>(stream, Account.Apply, new StreamReadOptions { ToVersion = 2 });
        var (now, latest) = await db.Store.AggregateStreamAsync<Account>(stream, Account.Apply);

        version.ShouldBe(2);
        atTwo.ShouldBe(new Account("Quang", 100m, 1));
        latest.ShouldBe(4);
        now.ShouldBe(new Account("Quang", 75m, 3));
    }

    [Fact]
    public async Task state_at_an_instant_folds_only_the_events_recorded_by_then()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Sơn"), new MoneyDeposited(100m)]);
        var firstRecordedAt = (await db.Store.ReadStreamAsync(stream))[^1].RecordedAt;
        await Eventually(() => DateTimeOffset.UtcNow > firstRecordedAt.AddMilliseconds(5));
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(2), [new MoneyWithdrawn(60m)]);

        var (then, version) = await db.Store.AggregateStreamAsync<Account>(stream, Account.Apply, new StreamReadOptions { Until = firstRecordedAt });
        var (before, _) = await db.Store.AggregateStreamAsync<Account>(stream, Account.Apply, new StreamReadOptions { Until = firstRecordedAt.AddTicks(-10) });

        version.ShouldBe(2);
        then.ShouldBe(new Account("Sơn", 100m, 1));
        before.ShouldBeNull();
    }

    private static async Task Eventually(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(1);
        }
    }
}
