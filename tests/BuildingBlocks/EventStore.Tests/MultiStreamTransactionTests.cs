using Shouldly;
using Xunit;

namespace Onestop.EventStore.Tests;

public sealed class MultiStreamTransactionTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task a_multi_stream_append_that_fails_on_its_second_stream_writes_nothing()
    {
        var first = $"account-{Guid.NewGuid():N}";
        var second = $"account-{Guid.NewGuid():N}";
        await db.Store.AppendAsync(second, "account", ExpectedVersion.NoStream, [new AccountOpened("Khánh")]);

        await using (var session = db.Store.OpenSession())
        {
            await session.AppendAsync(first, "account", ExpectedVersion.NoStream, [new AccountOpened("Lan"), new MoneyDeposited(10m)]);
            await Should.ThrowAsync<WrongExpectedVersionException>(
                () => session.AppendAsync(second, "account", ExpectedVersion.Exactly(7), [new MoneyDeposited(10m)]));
        }

        (await db.Store.GetStreamAsync(first)).ShouldBeNull();
        (await db.Store.ReadStreamAsync(first)).ShouldBeEmpty();
        (await db.Store.ReadStreamAsync(second)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_committed_multi_stream_append_writes_both_streams_in_one_transaction()
    {
        var first = $"account-{Guid.NewGuid():N}";
        var second = $"account-{Guid.NewGuid():N}";

        await using (var session = db.Store.OpenSession())
        {
            await session.AppendAsync(first, "account", ExpectedVersion.NoStream, [new AccountOpened("Minh")]);
            await session.AppendAsync(second, "account", ExpectedVersion.NoStream, [new AccountOpened("Nga")]);
            await session.CommitAsync();
        }

        var a = await db.Store.ReadStreamAsync(first);
        var b = await db.Store.ReadStreamAsync(second);
        a.Single().TransactionId.ShouldBe(b.Single().TransactionId);
    }

    [Fact]
    public async Task a_session_disposed_without_commit_rolls_back()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await using (var session = db.Store.OpenSession())
        {
            await session.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Oanh")]);
        }

        (await db.Store.GetStreamAsync(stream)).ShouldBeNull();
    }
}
