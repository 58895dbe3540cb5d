namespace Onestop.EventStore;

/// <summary>Who caused an event, where, and as part of which request. Stored beside the event and covered by its hash.</summary>
public sealed record EventMetadata
{
    public string? CorrelationId { get; init; }

    public string? CausationId { get; init; }

    /// <summary>The user or system that acted (an official's id, "portal:national").</summary>
    public string? Actor { get; init; }

    /// <summary>The administrative unit the actor acted for.</summary>
    public string? Unit { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public static EventMetadata Empty { get; } = new();
}
