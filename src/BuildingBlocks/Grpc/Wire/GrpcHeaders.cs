namespace Onestop.Grpc.Wire;

/// <summary>Header names and values of gRPC over HTTP/2 (grpc/doc/PROTOCOL-HTTP2.md).</summary>
internal static class GrpcHeaders
{
    public const string ContentType = "application/grpc";
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";
    public const string StatusDetails = "grpc-status-details-bin";
    public const string Timeout = "grpc-timeout";
    public const string Encoding = "grpc-encoding";
    public const string AcceptEncoding = "grpc-accept-encoding";

    /// <summary>grpc-dotnet's convention: a handler puts this in its response headers to ask for compressed responses.</summary>
    public const string InternalEncodingRequest = "grpc-internal-encoding-request";

    /// <summary>"application/grpc" alone or with a "+format" / ";params" suffix we can read (proto).</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = contentType.AsSpan(ContentType.Length);
        return rest.IsEmpty
            || rest[0] == ';'
            || rest.StartsWith("+proto", StringComparison.OrdinalIgnoreCase) && (rest.Length == 6 || rest[6] == ';');
    }

    /// <summary>Headers the transport owns: handlers neither see them as metadata nor may send them.</summary>
    public static bool IsReserved(string key) =>
        key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith(':')
        || key is "content-type" or "te" or "user-agent" or "host" or "content-length" or "connection";
}
