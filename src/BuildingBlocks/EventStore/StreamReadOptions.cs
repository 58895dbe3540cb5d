namespace Onestop.EventStore;

/// <summary>Which part of a stream to read: a version range and/or everything recorded up to an instant.</summary>
public sealed record StreamReadOptions
{
    public long FromVersion { get; init; } = 1;

    public long? ToVersion { get; init; }

    public DateTimeOffset? Until { get; init; }

    public static StreamReadOptions All { get; } = new();
}

/// <summary>A stream's head: its type, version, last hash and whether it is archived.</summary>
public sealed record StreamHead(string Id, string Type, long Version, byte[] LastHash, bool Archived, DateTimeOffset CreatedAt);
