using Onestop.EventStore;

namespace Onestop.Messaging;

/// <summary>Who is asking, for which unit, under which correlation id. Filled by the REST or gRPC edge, per request.</summary>
public sealed class RequestContext
{
    public string CorrelationId { get; set; } = NewCorrelationId();

    /// <summary>The acting user or system ("user:42", "portal:national"); null for anonymous citizens.</summary>
    public string? Actor { get; set; }

    /// <summary>The administrative unit the actor acts for.</summary>
    public string? Unit { get; set; }

    public EventMetadata ToEventMetadata(string? causationId = null) => new()
    {
        CorrelationId = CorrelationId,
        CausationId = causationId,
        Actor = Actor,
        Unit = Unit,
    };

    public static string NewCorrelationId() => Guid.CreateVersion7().ToString("N");

    /// <summary>An incoming id is accepted only if short and plain, so it is safe to log and echo.</summary>
    public static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
