using Onestop.EventStore.Audit;
using Onestop.EventStore.Hashing;
using Shouldly;
using Xunit;

namespace Onestop.EventStore.Tests;

public sealed class StreamAuditorTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    private StreamAuditor Auditor => new(db.Store, new HashChainVerifier(db.DataSource));

    [Fact]
    public async Task the_history_lists_every_event_with_actor_unit_time_data_and_stored_hash()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Hạnh")],
            new EventMetadata { Actor = "user:lan.nt", Unit = "H27.01", CorrelationId = "c-1" });
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(1), [new MoneyDeposited(20m)],
            new EventMetadata { Actor = "user:minh.tv", Unit = "H27.02", CorrelationId = "c-2", CausationId = "c-1" });

        var history = (await Auditor.ReadHistoryAsync(stream))!;
        var stored = await db.Store.ReadStreamAsync(stream);

        history.StreamType.ShouldBe("account");
        history.Events.Select(e => (e.Version, e.Actor, e.Unit, e.CorrelationId))
            .ShouldBe([(1L, "user:lan.nt", "H27.01", "c-1"), (2L, "user:minh.tv", "H27.02", "c-2")]);
        history.Events[1].CausationId.ShouldBe("c-1");
        history.Events.Select(e => e.Position).ShouldBe(stored.Select(e => e.Position));
        history.Events.Select(e => e.RecordedAt).ShouldBe(stored.Select(e => e.RecordedAt));
        history.Events.Select(e => e.Hash).ShouldBe(stored.Select(e => Convert.ToHexStringLower(e.Hash)));
        history.Events[0].Type.ShouldBe("test.account_opened.v1");
        history.Events[0].Data.GetProperty("owner").GetString().ShouldBe("Hạnh");
        history.HeadVersion.ShouldBe(2);
        history.HeadHash.ShouldBe(history.Events[1].Hash);
    }

    [Fact]
    public async Task an_unknown_stream_has_no_history_no_verification_and_no_export()
    {
        (await Auditor.ReadHistoryAsync("account-none")).ShouldBeNull();
        (await Auditor.VerifyAsync("account-none")).ShouldBeNull();
        (await Auditor.ExportAsync("account-none")).ShouldBeNull();
    }

    [Fact]
    public async Task verification_names_the_first_version_changed_by_sql_and_its_position()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.NoStream,
            [new AccountOpened("Tú"), new MoneyDeposited(5m), new MoneyDeposited(7m), new MoneyWithdrawn(1m)]);
        var before = (await Auditor.VerifyAsync(stream))!;
        var position = await db.ScalarAsync("select position from es_events where stream_id = $1 and version = 3", stream);

        await db.ScalarAsync("update es_events set metadata = '{\"actor\":\"someone-else\"}' where position = $1 returning 1", position);
        var after = (await Auditor.VerifyAsync(stream))!;

        before.ShouldBe(new StreamVerification(stream, true, 4, 4, before.HeadHash));
        after.IsValid.ShouldBeFalse();
        after.BrokenVersion.ShouldBe(3);
        after.BrokenPosition.ShouldBe(position);
        after.Reason.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task a_head_kept_earlier_reveals_events_deleted_from_the_end_which_the_chain_alone_cannot()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Lộc"), new MoneyDeposited(5m), new MoneyWithdrawn(5m)]);
        var kept = (await Auditor.VerifyAsync(stream))!;
        var keptHead = new ExportHead(kept.HeadVersion, kept.HeadHash);

        await db.ScalarAsync("with d as (delete from es_events where stream_id = $1 and version = 3 returning 1) select count(*) from d", stream);

        (await Auditor.VerifyAsync(stream))!.IsValid.ShouldBeTrue("a shorter chain is a valid chain");
        var cut = (await Auditor.VerifyAsync(stream, keptHead))!;
        cut.IsValid.ShouldBeFalse();
        cut.KeptHeadMissing.ShouldBeTrue();
        cut.BrokenVersion.ShouldBe(3);
        cut.Reason!.ShouldContain("deleted");
        var rewritten = (await Auditor.VerifyAsync(stream, new ExportHead(2, new string('0', 64))))!;
        rewritten.IsValid.ShouldBeFalse();
        rewritten.Reason!.ShouldContain("rewritten");
        (await Auditor.VerifyAsync(stream, new ExportHead(2, kept.HeadHash)))!.IsValid.ShouldBeFalse();
        (await Auditor.VerifyAsync(stream, new ExportHead(0, Convert.ToHexString(EventHash.Genesis(stream)))))!.IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task the_state_at_an_instant_between_two_appends_is_the_state_after_the_first()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Vy"), new MoneyDeposited(100m)]);
        var first = (await db.Store.ReadStreamAsync(stream))[^1];
        await WaitUntilAfterAsync(first.RecordedAt.AddMilliseconds(2));
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(2), [new MoneyWithdrawn(60m)]);

        var inVietnam = first.RecordedAt.AddMilliseconds(1).ToOffset(TimeSpan.FromHours(7));
        var between = await Auditor.StateAtAsync<Account>(stream, inVietnam, Account.Apply);
        var before = await Auditor.StateAtAsync<Account>(stream, first.RecordedAt.AddTicks(-10), Account.Apply);
        var now = await Auditor.StateAtAsync<Account>(stream, DateTimeOffset.UtcNow.AddMinutes(1), Account.Apply);

        between.State.ShouldBe(new Account("Vy", 100m, 1));
        between.Version.ShouldBe(2);
        between.Hash.ShouldBe(Convert.ToHexStringLower(first.Hash));
        before.State.ShouldBeNull();
        before.Version.ShouldBe(0);
        now.State.ShouldBe(new Account("Vy", 40m, 2));
    }

    [Fact]
    public async Task the_state_at_an_instant_never_skips_a_version_recorded_later_by_a_transaction_that_began_earlier()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Khoa")]);
        await using var early = db.Store.OpenSession();
        var transaction = await early.GetTransactionAsync();
        await using (var begin = new Npgsql.NpgsqlCommand("select 1", transaction.Connection, transaction))
        {
            await begin.ExecuteScalarAsync();
        }

        await WaitUntilAfterAsync(DateTimeOffset.UtcNow.AddMilliseconds(5));
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(1), [new MoneyDeposited(10m)]);
        await early.AppendAsync(stream, "account", ExpectedVersion.Any, [new MoneyDeposited(500m)]);
        await early.CommitAsync();
        var events = await db.Store.ReadStreamAsync(stream);
        events[2].RecordedAt.ShouldBeLessThan(events[1].RecordedAt, "version 3 was recorded at its transaction's start");

        var state = await Auditor.StateAtAsync<Account>(stream, events[2].RecordedAt, Account.Apply);

        state.Version.ShouldBe(1);
        state.State.ShouldBe(new Account("Khoa", 0m, 0));
        (await Auditor.VerifyAsync(stream))!.IsValid.ShouldBeTrue();
    }

    private static async Task WaitUntilAfterAsync(DateTimeOffset instant)
    {
        while (DateTimeOffset.UtcNow <= instant)
        {
            await Task.Delay(1);
        }
    }
}
