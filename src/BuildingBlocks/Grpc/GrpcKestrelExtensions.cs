using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Onestop.Grpc;

public static class GrpcKestrelExtensions
{
    /// <summary>The gRPC endpoint with the options bound by AddGrpcTransport.</summary>
    public static KestrelServerOptions ConfigureGrpcEndpoint(this KestrelServerOptions kestrel) =>
        kestrel.ConfigureGrpcEndpoint(kestrel.ApplicationServices.GetRequiredService<IOptions<GrpcOptions>>().Value);

    /// <summary>
    /// Listens on options.Port: HTTP/2 with prior knowledge in clear text, or TLS negotiating h2 by ALPN when a
    /// certificate is configured. With TLS, HTTP/1.1 is negotiable too, only so that such a client gets a clear 426.
    /// </summary>
    public static KestrelServerOptions ConfigureGrpcEndpoint(this KestrelServerOptions kestrel, GrpcOptions options)
    {
        kestrel.Limits.Http2.MaxStreamsPerConnection = Math.Max(kestrel.Limits.Http2.MaxStreamsPerConnection, options.MaxStreamsPerConnection);

        void Configure(ListenOptions listen)
        {
            // Kestrel detects no prior-knowledge preface on a clear-text endpoint that also speaks HTTP/1.1.
            var tls = !string.IsNullOrEmpty(options.CertificatePath);
            listen.Protocols = tls ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http2;
            if (tls)
            {
                listen.UseHttps(options.CertificatePath!, options.CertificatePassword);
            }
        }

        if (string.IsNullOrEmpty(options.ListenAddress))
        {
            kestrel.ListenAnyIP(options.Port, Configure);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, Configure);
        }

        return kestrel;
    }
}
