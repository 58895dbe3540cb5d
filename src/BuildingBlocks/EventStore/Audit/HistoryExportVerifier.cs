using System.Text;
using System.Text.Json;
using Onestop.EventStore.Hashing;

namespace Onestop.EventStore.Audit;

/// <summary>One event's check: OK, or why it does not match.</summary>
public sealed record EventCheck(long Version, bool Ok, string? Problem = null);

/// <summary>
/// The outcome of verifying a history export: valid, or the first version that does not match (null when the
/// document itself, its genesis or its head is at fault) with the reason. Lists the events checked up to there.
/// </summary>
public sealed record ExportVerification(bool IsValid, string? StreamId, IReadOnlyList<EventCheck> Events, long? BrokenVersion = null, string? Problem = null)
{
    public override string ToString() => IsValid
        ? $"valid: stream '{StreamId}', {Events.Count} events"
        : $"invalid: stream '{StreamId}'" + (BrokenVersion is { } v ? $", version {v}" : "") + $": {Problem}";
}

/// <summary>
/// Verifies a history export the way tools/verify-history.py does, step by step as docs/audit.md describes: the same
/// bytes, the same order, the same first failure. It trusts nothing in the file but the rules of its format version.
/// </summary>
public static class HistoryExportVerifier
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly long MaxMicros = (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>Verifies an export as read from a file; <paramref name="keptHead"/> as in <see cref="Verify(HistoryExport, ExportHead?)"/>.</summary>
    public static ExportVerification Verify(ReadOnlySpan<byte> utf8Json, ExportHead? keptHead = null)
    {
        HistoryExport export;
        try
        {
            export = HistoryExport.Parse(utf8Json);
        }
        catch (JsonException e)
        {
            return new ExportVerification(false, null, [], Problem: $"not a history export: {e.Message}");
        }

        return Verify(export, keptHead);
    }

    /// <summary>
    /// Recomputes the chain. <paramref name="keptHead"/>, a head kept from an earlier export, must still be in it:
    /// otherwise events were removed from the end, or the chain was rewritten.
    /// </summary>
    public static ExportVerification Verify(HistoryExport export, ExportHead? keptHead = null)
    {
        var checks = new List<EventCheck>();
        ExportVerification Fail(long? version, string problem)
        {
            if (version is { } v)
            {
                checks.Add(new EventCheck(v, false, problem));
            }

            return new ExportVerification(false, export.StreamId, checks, version, problem);
        }

        if (export.Format != HistoryExport.FormatName || export.FormatVersion != HistoryExport.CurrentFormatVersion)
        {
            return Fail(null, $"unsupported format '{export.Format}' version {export.FormatVersion}");
        }

        var previous = EventHash.Genesis(export.StreamId);
        if (!string.Equals(export.GenesisHash, StreamAuditor.Hex(previous), StringComparison.Ordinal))
        {
            return Fail(null, "genesisHash is not SHA-256 of the stream id");
        }

        var chain = new List<ExportHead> { new(0, export.GenesisHash) };
        var expectedVersion = 1L;
        foreach (var e in export.Events)
        {
            if (e.Version != expectedVersion)
            {
                return Fail(expectedVersion, $"found version {e.Version} where {expectedVersion} belongs: an event is missing or out of order");
            }

            if (e.RecordedAtMicros < 0 || e.RecordedAtMicros > MaxMicros || e.RecordedAt != HistoryExport.FormatInstant(e.RecordedAtMicros))
            {
                return Fail(e.Version, "recordedAt does not agree with recordedAtMicros");
            }

            byte[] data, metadata;
            try
            {
                (data, metadata) = (StrictUtf8.GetBytes(e.Data), StrictUtf8.GetBytes(e.Metadata));
            }
            catch (EncoderFallbackException)
            {
                return Fail(e.Version, "data or metadata is not valid Unicode text");
            }

            var digest = EventHash.Digest(e.Type, data, metadata);
            var hash = EventHash.Chain(previous, digest, DateTimeOffset.UnixEpoch.AddTicks(e.RecordedAtMicros * 10));
            if (!string.Equals(e.Hash, StreamAuditor.Hex(hash), StringComparison.Ordinal))
            {
                return Fail(e.Version, "the hash recomputed from the previous hash, type, data, metadata and recording time differs from the recorded hash");
            }

            checks.Add(new EventCheck(e.Version, true));
            chain.Add(new ExportHead(e.Version, e.Hash));
            previous = hash;
            expectedVersion++;
        }

        if (export.Head.Version != expectedVersion - 1 || !string.Equals(export.Head.Hash, StreamAuditor.Hex(previous), StringComparison.Ordinal))
        {
            return Fail(null, "head is not the last event's version and hash");
        }

        if (keptHead is not null && !chain.Contains(keptHead with { Hash = keptHead.Hash.ToLowerInvariant() }))
        {
            return Fail(null, $"the kept head {keptHead.Version}:{keptHead.Hash} is not in this chain: events were removed or rewritten");
        }

        return new ExportVerification(true, export.StreamId, checks);
    }
}
