using Shouldly;
using Xunit;

namespace Onestop.EventStore.Tests;

public sealed class AppendTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    private EventStore Store => db.Store;

    [Fact]
    public async Task appending_to_a_new_stream_numbers_its_events_from_one()
    {
        var stream = $"account-{Guid.NewGuid():N}";

        var result = await Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("An"), new MoneyDeposited(100m)]);

        result.NewVersion.ShouldBe(2);
        var events = await Store.ReadStreamAsync(stream);
        events.Select(e => e.Version).ShouldBe([1L, 2L]);
        events[1].Data.ShouldBe(new MoneyDeposited(100m));
        events.Select(e => e.Position).ShouldBe(result.Positions);
    }

    [Fact]
    public async Task two_writers_with_the_same_expected_version_exactly_one_wins()
    {
        for (var round = 0; round < 25; round++)
        {
            var stream = $"account-{Guid.NewGuid():N}";
            await Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Bình")]);
            using var start = new Barrier(2);

            var attempts = await Task.WhenAll(Enumerable.Range(1, 2).Select(writer => Task.Run(async () =>
            {
                start.SignalAndWait();
                try
                {
                    await Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(1), [new MoneyDeposited(writer)]);
                    return (Writer: writer, Error: (Exception?)null);
                }
                catch (Exception e)
                {
                    return (Writer: writer, Error: e);
                }
            })));

            attempts.Count(a => a.Error is null).ShouldBe(1);
            var loser = attempts.Single(a => a.Error is not null);
            var error = loser.Error.ShouldBeOfType<WrongExpectedVersionException>();
            error.ActualVersion.ShouldBe(2);
            var winner = attempts.Single(a => a.Error is null).Writer;
            var events = await Store.ReadStreamAsync(stream);
            events.Select(e => e.Data).ShouldBe([new AccountOpened("Bình"), new MoneyDeposited(winner)]);
        }
    }

    [Fact]
    public async Task two_writers_creating_the_same_stream_exactly_one_wins()
    {
        for (var round = 0; round < 25; round++)
        {
            var stream = $"account-{Guid.NewGuid():N}";
            using var start = new Barrier(2);
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                start.SignalAndWait();
                try
                {
                    await Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Chi")]);
                    return true;
                }
                catch (WrongExpectedVersionException)
                {
                    return false;
                }
            })));

            outcomes.Count(won => won).ShouldBe(1);
            (await Store.ReadStreamAsync(stream)).Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task a_stale_expected_version_is_refused_and_appends_nothing()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Dũng"), new MoneyDeposited(5m)]);

        var error = await Should.ThrowAsync<WrongExpectedVersionException>(
            () => Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(1), [new MoneyWithdrawn(5m)]));

        error.StreamId.ShouldBe(stream);
        error.ActualVersion.ShouldBe(2);
        (await Store.ReadStreamAsync(stream)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_batch_with_an_exact_version_is_chained_and_numbered_in_order()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Đức"), new MoneyDeposited(1m), new MoneyDeposited(2m)]);
        var batch = Enumerable.Range(1, 25).Select(i => (object)new MoneyDeposited(i)).ToArray();

        var result = await Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(3), batch);

        result.NewVersion.ShouldBe(28);
        var events = await Store.ReadStreamAsync(stream);
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, 28).Select(v => (long)v));
        events.Skip(3).Select(e => e.Data).ShouldBe(batch);
        events.Skip(3).Select(e => e.Position).ShouldBe(result.Positions);
        result.Positions.ShouldBeInOrder(SortDirection.Ascending, "positions follow versions, so the global log gives a stream in order");
        (await new Hashing.HashChainVerifier(db.DataSource).VerifyStreamAsync(stream)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task two_batches_with_the_same_expected_version_exactly_one_is_written_whole()
    {
        for (var round = 0; round < 15; round++)
        {
            var stream = $"account-{Guid.NewGuid():N}";
            await Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Hải")]);
            using var start = new Barrier(2);

            var winners = await Task.WhenAll(Enumerable.Range(1, 2).Select(writer => Task.Run(async () =>
            {
                start.SignalAndWait();
                try
                {
                    await Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(1), [new MoneyDeposited(writer), new MoneyWithdrawn(writer), new MoneyDeposited(writer)]);
                    return writer;
                }
                catch (WrongExpectedVersionException e)
                {
                    e.ActualVersion.ShouldBe(4);
                    return 0;
                }
            })));

            var winner = winners.Where(w => w != 0).ShouldHaveSingleItem();
            var events = await Store.ReadStreamAsync(stream);
            events.Skip(1).Select(e => e.Data).ShouldBe([new MoneyDeposited(winner), new MoneyWithdrawn(winner), new MoneyDeposited(winner)]);
        }
    }

    [Fact]
    public async Task a_batch_to_an_archived_stream_or_a_missing_one_writes_nothing()
    {
        var archived = $"account-{Guid.NewGuid():N}";
        await Store.AppendAsync(archived, "account", ExpectedVersion.NoStream, [new AccountOpened("Khánh")]);
        await Store.ArchiveStreamAsync(archived);
        var missing = $"account-{Guid.NewGuid():N}";

        await Should.ThrowAsync<StreamArchivedException>(
            () => Store.AppendAsync(archived, "account", ExpectedVersion.Exactly(1), [new MoneyDeposited(1m), new MoneyDeposited(2m)]));
        (await Should.ThrowAsync<WrongExpectedVersionException>(
            () => Store.AppendAsync(missing, "account", ExpectedVersion.Exactly(0), [new MoneyDeposited(1m), new MoneyDeposited(2m)]))).ActualVersion.ShouldBe(-1);

        (await Store.ReadStreamAsync(archived)).Count.ShouldBe(1);
        (await Store.GetStreamAsync(missing)).ShouldBeNull();
    }

    [Fact]
    public async Task expecting_no_stream_when_it_exists_is_refused()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Em")]);

        await Should.ThrowAsync<WrongExpectedVersionException>(
            () => Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Em")]));
    }

    [Fact]
    public async Task expecting_a_version_of_a_missing_stream_is_refused_and_creates_nothing()
    {
        var stream = $"account-{Guid.NewGuid():N}";

        var error = await Should.ThrowAsync<WrongExpectedVersionException>(
            () => Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(3), [new MoneyDeposited(1m)]));

        error.ActualVersion.ShouldBe(-1);
        (await Store.GetStreamAsync(stream)).ShouldBeNull();
    }

    [Fact]
    public async Task appending_to_an_archived_stream_is_rejected()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Giang")]);
        await Store.ArchiveStreamAsync(stream);

        await Should.ThrowAsync<StreamArchivedException>(
            () => Store.AppendAsync(stream, "account", ExpectedVersion.Any, [new MoneyDeposited(1m)]));
        (await Store.ReadStreamAsync(stream)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_unregistered_event_type_is_refused_before_anything_is_written()
    {
        var stream = $"account-{Guid.NewGuid():N}";

        await Should.ThrowAsync<InvalidOperationException>(
            () => Store.AppendAsync(stream, "account", ExpectedVersion.Any, [new AccountOpened("Hà"), new { Unregistered = true }]));

        (await Store.GetStreamAsync(stream)).ShouldBeNull();
    }
}
