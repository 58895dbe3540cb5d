using System.Text.Json.Nodes;
using Onestop.EventStore.Audit;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.EventStore.Tests;

/// <summary>The history export, checked by the C# verifier and by the auditor's offline tool, which must always agree.</summary>
public sealed class HistoryExportTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    private StreamAuditor Auditor => new(db.Store, new Hashing.HashChainVerifier(db.DataSource));

    [Fact]
    public async Task an_export_verifies_in_csharp_and_with_the_offline_python_tool()
    {
        var stream = await WriteAccountAsync();

        var export = (await Auditor.ExportAsync(stream))!;
        var bytes = export.ToUtf8Json();

        export.Events.Count.ShouldBe(5);
        export.Head.ShouldBe(new ExportHead(5, export.Events[^1].Hash));
        HistoryExportVerifier.Verify(bytes).IsValid.ShouldBeTrue();
        var offline = await OfflineHistoryVerifier.VerifyAsync(bytes);
        offline.IsValid.ShouldBeTrue(offline.Output);
        offline.Output.Split('\n').Count(l => l.EndsWith(export.Events[0].Hash, StringComparison.Ordinal) && l.Contains(" OK ")).ShouldBe(1);
        offline.Output.ShouldContain($"VALID: stream {stream}, 5 events");
    }

    [Fact]
    public async Task the_exported_hashes_are_the_stored_ones_and_the_texts_are_canonical()
    {
        var stream = await WriteAccountAsync();

        var export = (await Auditor.ExportAsync(stream))!;
        var stored = await db.Store.ReadStreamAsync(stream);

        export.Events.Select(e => e.Hash).ShouldBe(stored.Select(e => Convert.ToHexStringLower(e.Hash)));
        export.Events[1].Data.ShouldBe("""{"amount":12.5,"note":"tiền mặt \"quầy 1\"\n 💵"}""");
        export.Events[1].Metadata.ShouldBe("""{"actor":"officer-7","correlationId":"c-1","unit":"H27.01"}""");
        export.GenesisHash.ShouldBe(Convert.ToHexStringLower(Hashing.EventHash.Genesis(stream)));
    }

    [Fact]
    public async Task tampering_with_one_events_data_in_the_export_fails_both_verifiers_at_that_version()
    {
        var stream = await WriteAccountAsync();
        var export = JsonNode.Parse((await Auditor.ExportAsync(stream))!.ToUtf8Json())!;

        export["events"]![2]!["data"] = """{"amount":0.5}""";
        var tampered = System.Text.Encoding.UTF8.GetBytes(export.ToJsonString());

        var result = HistoryExportVerifier.Verify(tampered);
        result.IsValid.ShouldBeFalse();
        result.BrokenVersion.ShouldBe(3);
        result.Events.Count(e => e.Ok).ShouldBe(2);
        var offline = await OfflineHistoryVerifier.VerifyAsync(tampered);
        offline.IsValid.ShouldBeFalse();
        offline.BrokenVersion.ShouldBe(3);
        offline.Output.ShouldContain("version 3 MISMATCH");
        offline.Output.ShouldContain($"INVALID: stream {stream}, version 3");
    }

    [Fact]
    public async Task an_sql_update_of_an_event_before_export_fails_both_verifiers_naming_the_version()
    {
        var stream = await WriteAccountAsync();
        await db.ScalarAsync("update es_events set data = jsonb_set(data, '{amount}', '1000') where stream_id = $1 and version = 4 returning 1", stream);

        var export = (await Auditor.ExportAsync(stream))!.ToUtf8Json();

        HistoryExportVerifier.Verify(export).BrokenVersion.ShouldBe(4);
        var offline = await OfflineHistoryVerifier.VerifyAsync(export);
        offline.IsValid.ShouldBeFalse();
        offline.BrokenVersion.ShouldBe(4);
    }

    [Fact]
    public async Task a_head_kept_from_an_earlier_export_reveals_events_deleted_from_the_end()
    {
        var stream = await WriteAccountAsync();
        var kept = (await Auditor.ExportAsync(stream))!.Head;
        await db.ScalarAsync("with d as (delete from es_events where stream_id = $1 and version >= 4 returning 1) select count(*) from d", stream);

        var shorter = (await Auditor.ExportAsync(stream))!.ToUtf8Json();

        HistoryExportVerifier.Verify(shorter).IsValid.ShouldBeTrue("a shorter chain is a valid chain");
        HistoryExportVerifier.Verify(shorter, kept).IsValid.ShouldBeFalse();
        (await OfflineHistoryVerifier.VerifyAsync(shorter, "--expect-head", $"{kept.Version}:{kept.Hash}")).IsValid.ShouldBeFalse();
        (await OfflineHistoryVerifier.VerifyAsync(shorter, "--expect-head", "3:" + HistoryExport.Parse(shorter).Head.Hash)).IsValid.ShouldBeTrue();
    }

    /// <summary>Each tampering, whether the export still verifies, and the version both verifiers must name (null: none).</summary>
    public static TheoryData<string, bool, long?> Tamperings => new()
    {
        { "nothing", true, null },
        { "type", false, 1 },
        { "data", false, 2 },
        { "metadata", false, 2 },
        { "time", false, 3 },
        { "readable time", false, 3 },
        { "hash", false, 5 },
        { "removed event", false, 3 },
        { "swapped events", false, 2 },
        { "genesis", false, null },
        { "stream id", false, null },
        { "head", false, null },
        { "duplicate key", false, null },
        { "missing hash", false, null },
        { "missing format", false, null },
        { "version as text", false, null },
        { "version as 2.0", false, null },
        { "version beyond 64 bits", false, null },
        { "data not a text", false, null },
        { "lone surrogate in a hashed text", false, null },
        { "lone surrogate in the stream type", true, null },
        { "NaN in an unread field", false, null },
        { "byte order mark", true, null },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task the_csharp_and_python_verifiers_agree(string tampering, bool valid, long? brokenVersion)
    {
        var export = JsonNode.Parse((await Auditor.ExportAsync(await WriteAccountAsync()))!.ToUtf8Json())!;
        var original = export.ToJsonString();
        var events = export["events"]!.AsArray();
        switch (tampering)
        {
            case "type": events[0]!["type"] = "test.account_closed.v1"; break;
            case "data": events[1]!["data"] = events[1]!["data"]!.GetValue<string>().Replace("12.5", "125"); break;
            case "metadata": events[1]!["metadata"] = """{"actor":"someone-else","correlationId":"c-1","unit":"H27.01"}"""; break;
            case "time":
                var micros = events[2]!["recordedAtMicros"]!.GetValue<long>() + 1;
                events[2]!["recordedAtMicros"] = micros;
                events[2]!["recordedAt"] = HistoryExport.FormatInstant(micros);
                break;
            case "readable time": events[2]!["recordedAt"] = "2000-01-01T00:00:00.000000Z"; break;
            case "hash": events[4]!["hash"] = new string('0', 64); break;
            case "removed event": events.RemoveAt(2); break;
            case "swapped events":
                var second = events[1]!.DeepClone();
                events[1] = events[2]!.DeepClone();
                events[2] = second;
                break;
            case "genesis": export["genesisHash"] = new string('a', 64); break;
            case "stream id": export["streamId"] = "account-someone-else"; break;
            case "head": export["head"]!["version"] = 4; break;
            case "missing hash": events[3]!.AsObject().Remove("hash"); break;
            case "missing format": export.AsObject().Remove("format"); break;
            case "version as text": events[0]!["version"] = "1"; break;
            case "data not a text": events[1]!["data"] = JsonNode.Parse(events[1]!["data"]!.GetValue<string>()); break;
            case "lone surrogate in a hashed text": events[0]!["type"] = "LONE"; break;
            case "lone surrogate in the stream type": export["streamType"] = "LONE"; break;
        }

        var text = export.ToJsonString();
        text = tampering switch
        {
            "duplicate key" => text.Replace("\"data\":", "\"data\":\"{}\",\"data\":"),
            "version as 2.0" => text.Replace("\"version\":2,", "\"version\":2.0,"),
            "version beyond 64 bits" => text.Replace("\"version\":2,", "\"version\":18446744073709551618,"),
            "lone surrogate in a hashed text" or "lone surrogate in the stream type" => text.Replace("LONE", "\\ud800"),
            "NaN in an unread field" => text.Replace("\"formatVersion\":1", "\"formatVersion\":1,\"extra\":NaN"),
            "byte order mark" => "\uFEFF" + text,
            _ => text,
        };
        if (tampering != "nothing")
        {
            text.ShouldNotBe(original, "the tampering changed the file");
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(text);

        var inCSharp = HistoryExportVerifier.Verify(bytes);
        var offline = await OfflineHistoryVerifier.VerifyAsync(bytes);
        inCSharp.IsValid.ShouldBe(valid, inCSharp.ToString());
        offline.IsValid.ShouldBe(valid, offline.Output);
        inCSharp.BrokenVersion.ShouldBe(brokenVersion, inCSharp.ToString());
        offline.BrokenVersion.ShouldBe(brokenVersion, offline.Output);
    }

    private async Task<string> WriteAccountAsync()
    {
        var stream = $"account-{Guid.NewGuid():N}";
        var metadata = new EventMetadata { Actor = "officer-7", Unit = "H27.01", CorrelationId = "c-1" };
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.NoStream,
            [new AccountOpened("Phương"), new MoneyDeposited(12.50m, "tiền mặt \"quầy 1\"\n 💵")], metadata);
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(2), [new MoneyWithdrawn(2.5m)], metadata);
        await db.Store.AppendAsync(stream, "account", ExpectedVersion.Exactly(3), [new MoneyDeposited(1e-7m), new MoneyWithdrawn(1m)],
            metadata with { Actor = "user:lan.nt", CorrelationId = "c-2" });
        return stream;
    }
}
