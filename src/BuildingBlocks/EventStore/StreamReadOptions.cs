namespace Onestop.EventStore;

/// <summary>Which part of a stream to read: a version range and/or everything recorded up to an instant.</summary>
public sealed record StreamReadOptions
{
    public long FromVersion { get; init; } = 1;

    public long? ToVersion { get; init; }

    public DateTimeOffset? Until { get; init; }

    public static StreamReadOptions All { get; } = new();
}

/// <summary>A stream's head: its type, its last event's version and hash (the genesis hash when empty), whether it is archived.</summary>
public sealed record StreamHead(string Id, string Type, long Version, byte[] LastHash, bool Archived, DateTimeOffset CreatedAt);
