using Microsoft.AspNetCore.Http;

namespace Onestop.Grpc;

/// <summary>
/// What an adapter method knows about its call. Shaped like grpc-dotnet's ServerCallContext so that moving the
/// adapters to Grpc.AspNetCore is a change of namespace.
/// </summary>
public abstract class ServerCallContext
{
    /// <summary>The path of the call: "/package.Service/Method".</summary>
    public abstract string Method { get; }

    public abstract string Host { get; }

    /// <summary>The caller's address, e.g. "ipv4:10.0.0.7:51234".</summary>
    public abstract string Peer { get; }

    /// <summary>When the client stops waiting (UTC), from grpc-timeout; DateTime.MaxValue when it set none.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>The client's metadata, "-bin" values decoded. Transport headers (grpc-*, :path, content-type, te) are left out.</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Fires when the client cancels or disconnects, or the deadline passes.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Metadata sent with the status when the call ends.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status the call ends with when the adapter returns normally.</summary>
    public abstract Status Status { get; set; }

    /// <summary>Applies to the responses written after it is set.</summary>
    public abstract WriteOptions? WriteOptions { get; set; }

    /// <summary>Sends the response headers now, with this metadata; at most once, before the first response.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);

    public abstract HttpContext GetHttpContext();
}
