using System.Globalization;
using System.Text.Json;

namespace Onestop.EventStore.Audit;

/// <summary>
/// A stream's history as a self-contained JSON document ("history export", format version 1): per event the exact
/// text whose UTF-8 bytes were hashed and the stored hash, plus the rules, so an auditor recomputes the chain offline
/// (docs/audit.md, tools/verify-history.py). Only <c>format</c>, <c>formatVersion</c>, <c>streamType</c> and
/// <c>exportedAt</c> are not covered by the chain; everything else is hashed or checked against what is.
/// </summary>
public sealed record HistoryExport
{
    public const string FormatName = "onestop.history-export";
    public const int CurrentFormatVersion = 1;

    public string Format { get; init; } = FormatName;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required string StreamId { get; init; }

    public string? StreamType { get; init; }

    public DateTimeOffset ExportedAt { get; init; }

    public HashingRules Hashing { get; init; } = HashingRules.Version1;

    /// <summary>hash(0) = SHA-256(UTF-8 bytes of the stream id), in lower-case hex.</summary>
    public required string GenesisHash { get; init; }

    public required IReadOnlyList<ExportedEvent> Events { get; init; }

    /// <summary>The last version and hash: keep it, and a later export that does not contain it was cut short.</summary>
    public required ExportHead Head { get; init; }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    public Task WriteAsync(Stream output, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(output, this, Options, cancellationToken);

    /// <summary>
    /// Reads an export by the rules tools/verify-history.py applies; a document that is not one (a field missing or of
    /// the wrong type, a duplicate key) throws <see cref="JsonException"/>.
    /// </summary>
    public static HistoryExport Parse(ReadOnlySpan<byte> utf8Json) => HistoryExportReader.Read(utf8Json);

    /// <summary>The readable form of a recording time, always with six fractional digits: 2026-11-22T08:10:35.123456Z.</summary>
    public static string FormatInstant(long microsecondsSinceEpoch) =>
        DateTimeOffset.UnixEpoch.AddTicks(microsecondsSinceEpoch * 10)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// One event as hashed. <see cref="Data"/> and <see cref="Metadata"/> are the canonical JSON texts whose UTF-8 bytes
/// the digest covers; <see cref="RecordedAt"/> is <see cref="RecordedAtMicros"/> made readable and must agree with it.
/// </summary>
public sealed record ExportedEvent(long Version, string Type, long RecordedAtMicros, string RecordedAt, string Data, string Metadata, string Hash);

public sealed record ExportHead(long Version, string Hash);

/// <summary>The rules of format version 1, written into each export so the file explains itself.</summary>
public sealed record HashingRules(string Algorithm, string Encoding, string Genesis, string Digest, string Chain, string RecordedAtBytes)
{
    public static HashingRules Version1 { get; } = new(
        Algorithm: "SHA-256",
        Encoding: "hashes are lower-case hex of 32 bytes; texts are hashed as their UTF-8 bytes",
        Genesis: "hash(0) = SHA-256(UTF-8(streamId))",
        Digest: "digest(n) = SHA-256(UTF-8(type) || 0x0A || UTF-8(data) || 0x0A || UTF-8(metadata))",
        Chain: "hash(n) = SHA-256(hash(n-1) || digest(n) || recordedAtBytes(n)), for versions n = 1, 2, ... with no gap",
        RecordedAtBytes: "recordedAtMicros as a signed 64-bit big-endian integer (8 bytes)");
}
