using System.IO.Compression;

namespace Onestop.Grpc;

/// <summary>The "Grpc" configuration section.</summary>
public sealed class GrpcOptions
{
    public const string SectionName = "Grpc";
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>The port of the gRPC endpoint (the host uses 5081).</summary>
    public int Port { get; set; } = 5081;

    /// <summary>An IP address to listen on; empty means every interface.</summary>
    public string? ListenAddress { get; set; }

    /// <summary>Largest request message accepted, after decompression; larger ones get RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = DefaultMaxReceiveMessageSize;

    /// <summary>A PFX file; when set the endpoint speaks TLS and negotiates h2 by ALPN.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Compress every response with gzip when the client accepts it (otherwise only when a handler asks).</summary>
    public bool CompressResponses { get; set; }

    public CompressionLevel ResponseCompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>Concurrent streams a client may open on one connection (Kestrel's default is 100).</summary>
    public int MaxStreamsPerConnection { get; set; } = 256;

    /// <summary>How often Health/Watch asks the readiness probe whether anything changed.</summary>
    public TimeSpan HealthPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Integrating systems allowed to call, each by the SHA-256 of its key.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
}

/// <summary>One integrating system's key (national portal, provincial portal, document-management system).</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Who calls, as logs and handlers see it, e.g. "national-portal".</summary>
    public string Caller { get; set; } = string.Empty;

    /// <summary>SHA-256 of the key as 64 hex digits. The key itself is never stored.</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>"package.Service/Method", "package.Service/*" or "*".</summary>
    public List<string> Permissions { get; set; } = [];
}
