namespace Onestop.EventStore;

/// <summary>A lost optimistic-concurrency race: the stream was not at the expected version.</summary>
public sealed class WrongExpectedVersionException(string streamId, ExpectedVersion expected, long actualVersion)
    : Exception($"Stream '{streamId}' is at version {(actualVersion < 0 ? "none" : actualVersion)}, but version {expected} was expected.")
{
    public string StreamId { get; } = streamId;

    public ExpectedVersion Expected { get; } = expected;

    /// <summary>The stream's version when the append was refused; -1 when it did not exist.</summary>
    public long ActualVersion { get; } = actualVersion;
}

/// <summary>Appending to an archived stream is refused.</summary>
public sealed class StreamArchivedException(string streamId) : Exception($"Stream '{streamId}' is archived and accepts no new events.")
{
    public string StreamId { get; } = streamId;
}

/// <summary>An idempotency key was reused for a different request.</summary>
public sealed class IdempotencyKeyReusedException(string key)
    : Exception($"Idempotency key '{key}' was already used for a different request.")
{
    public string Key { get; } = key;
}

/// <summary>An event type name that no registration or upcaster knows.</summary>
public sealed class UnknownEventTypeException(string typeName) : Exception($"No event type is registered as '{typeName}'.")
{
    public string TypeName { get; } = typeName;
}
