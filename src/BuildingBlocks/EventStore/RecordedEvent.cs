namespace Onestop.EventStore;

/// <summary>An event as stored: its place in the stream and in the global log, its data and its hash.</summary>
public sealed record RecordedEvent(
    long Position,
    ulong TransactionId,
    string StreamId,
    long Version,
    Guid EventId,
    string Type,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt,
    byte[] Hash)
{
    public GlobalCheckpoint Checkpoint => new(TransactionId, Position);
}

/// <summary>A place in the global log: events are read in (transaction id, position) order.</summary>
public readonly record struct GlobalCheckpoint(ulong TransactionId, long Position)
{
    public static GlobalCheckpoint Start { get; } = new(0, 0);

    public override string ToString() => $"{TransactionId}:{Position}";

    public static GlobalCheckpoint Parse(string value)
    {
        var parts = value.Split(':');
        return parts.Length == 2 && ulong.TryParse(parts[0], out var tx) && long.TryParse(parts[1], out var position)
            ? new GlobalCheckpoint(tx, position)
            : throw new FormatException($"'{value}' is not a checkpoint (expected 'transaction:position').");
    }
}

/// <summary>The outcome of an append: the stream's new version and the global positions of the new events.</summary>
public sealed record AppendResult(string StreamId, long NewVersion, IReadOnlyList<long> Positions);

/// <summary>An event to append: its data and, optionally, a fixed id (for de-duplication by the caller).</summary>
public sealed record EventToAppend(object Data, Guid? EventId = null);
