using System.Text.Json;

namespace Onestop.EventStore.Audit;

/// <summary>A stream's whole history as an auditor reads it: every event, who recorded it, and its place in the hash chain.</summary>
public sealed record StreamHistory(string StreamId, string StreamType, bool Archived, string GenesisHash, IReadOnlyList<AuditedEvent> Events)
{
    /// <summary>The last version (0 for a stream without events).</summary>
    public long HeadVersion => Events.Count == 0 ? 0 : Events[^1].Version;

    /// <summary>The last event's hash (the genesis hash for a stream without events): compare it with a head kept earlier.</summary>
    public string HeadHash => Events.Count == 0 ? GenesisHash : Events[^1].Hash;
}

/// <summary>
/// One event as stored: version in its stream, position in the global log, type, when the database recorded it,
/// the actor, unit and correlation id of its metadata, its data (the stored JSON, not upcast) and its hash in hex.
/// </summary>
public sealed record AuditedEvent(
    long Version,
    long Position,
    Guid EventId,
    string Type,
    DateTimeOffset RecordedAt,
    string? Actor,
    string? Unit,
    string? CorrelationId,
    string? CausationId,
    JsonElement Data,
    string Hash);

/// <summary>
/// The outcome of verifying one stream's chain in the database: valid up to its head, or the first version that does
/// not match, with its global position and the reason. <see cref="KeptHeadMissing"/>: the chain is sound but no
/// longer holds a head kept earlier (events deleted from its end, or the chain rewritten).
/// </summary>
public sealed record StreamVerification(
    string StreamId,
    bool IsValid,
    long EventsChecked,
    long HeadVersion,
    string HeadHash,
    long? BrokenVersion = null,
    long? BrokenPosition = null,
    string? Reason = null,
    bool KeptHeadMissing = false);

/// <summary>
/// A stream's state as it was at an instant: folded from the longest prefix of the stream recorded by then, with the
/// last folded event's version, recording time and hash (so the state can be tied to the verified chain).
/// </summary>
public sealed record PastState<TState>(TState? State, DateTimeOffset Instant, long Version, DateTimeOffset? RecordedAt, string? Hash)
    where TState : class;
