using Onestop.EventStore.Hashing;
using Shouldly;
using Xunit;

namespace Onestop.EventStore.Tests;

/// <summary>Each test tampers with its own database, so "the first invalid stream" is that test's.</summary>
public sealed class TamperEvidenceTests : IAsyncLifetime
{
    private readonly EventStoreDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private HashChainVerifier Verifier => new(db.DataSource);

    [Fact]
    public async Task a_stream_started_by_a_single_event_verifies()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, [new AccountOpened("Tâm")]);
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(1), [new MoneyDeposited(3m)]);

        (await Verifier.VerifyStreamAsync(stream)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task an_untouched_stream_verifies()
    {
        var stream = await WriteAccountAsync();

        var result = await Verifier.VerifyStreamAsync(stream);

        result.IsValid.ShouldBeTrue(result.ToString());
        result.EventsChecked.ShouldBe(5);
    }

    [Fact]
    public async Task an_sql_update_of_an_events_data_is_found_and_named_by_stream_and_position()
    {
        var stream = await WriteAccountAsync();
        var position = await db.ScalarAsync("select position from es_events where stream_id = $1 and version = 3", stream);

        await db.ScalarAsync("update es_events set data = jsonb_set(data, '{amount}', '1000') where position = $1 returning 1", position);

        var result = await Verifier.VerifyStreamAsync(stream);
        result.IsValid.ShouldBeFalse();
        result.StreamId.ShouldBe(stream);
        result.Version.ShouldBe(3);
        result.Position.ShouldBe(position);
    }

    [Fact]
    public async Task the_whole_store_verification_names_the_first_tampered_stream()
    {
        await WriteAccountAsync();
        var tampered = await WriteAccountAsync();
        var position = await db.ScalarAsync("select position from es_events where stream_id = $1 and version = 2", tampered);

        await db.ScalarAsync("update es_events set metadata = '{\"actor\":\"someone-else\"}' where position = $1 returning 1", position);

        var result = await Verifier.VerifyAllAsync();
        result.IsValid.ShouldBeFalse();
        result.StreamId.ShouldBe(tampered);
        result.Position.ShouldBe(position);
    }

    [Fact]
    public async Task deleting_an_event_from_the_middle_of_a_stream_is_found()
    {
        var stream = await WriteAccountAsync();

        await db.ScalarAsync("with d as (delete from es_events where stream_id = $1 and version = 2 returning 1) select count(*) from d", stream);

        var result = await Verifier.VerifyStreamAsync(stream);
        result.IsValid.ShouldBeFalse();
        result.Version.ShouldBe(2);
        result.Problem!.ShouldContain("missing");
    }

    [Fact]
    public async Task changing_when_an_event_was_recorded_is_found()
    {
        var stream = await WriteAccountAsync();

        await db.ScalarAsync("update es_events set recorded_at = recorded_at - interval '1 day' where stream_id = $1 and version = 1 returning 1", stream);

        (await Verifier.VerifyStreamAsync(stream)).Version.ShouldBe(1);
    }

    private async Task<string> WriteAccountAsync()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        var metadata = new EventMetadata { Actor = "officer-7", Unit = "H27.01", CorrelationId = "c-1" };
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.NoStream,
            [new AccountOpened("Phương"), new MoneyDeposited(12.50m, "tiền mặt \"quầy 1\"\n")], metadata);
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(2), [new MoneyWithdrawn(2.5m), new MoneyDeposited(1e-7m)], metadata);
        // Single events with an exact version take the one-statement path: its hashes must chain the same way.
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(4), [new MoneyWithdrawn(1m)], metadata);
        return stream;
    }
}
