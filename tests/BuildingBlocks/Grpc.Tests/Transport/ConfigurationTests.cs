using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Grpc.Testing;
using Onestop.Grpc.Tests.Interop;
using Shouldly;
using Xunit;

namespace Onestop.Grpc.Tests.Transport;

/// <summary>Settings of the "Grpc" section change what the endpoint does; each test starts its own host.</summary>
public sealed class ConfigurationTests
{
    private const string UnaryCall = "/grpc.testing.TestService/UnaryCall";

    [Fact]
    public async Task max_receive_message_size_is_the_limit_a_message_may_reach()
    {
        await using var host = await Start(new() { ["Grpc:MaxReceiveMessageSize"] = "1024" });
        using var client = new RawGrpcClient(host);

        var small = await client.CallAsync(UnaryCall, RawGrpcClient.Frame(WithPayload(900)));
        var large = await client.CallAsync(UnaryCall, RawGrpcClient.Frame(WithPayload(1100)));

        small.GrpcStatus.ShouldBe(0, small.ToString());
        large.GrpcStatus.ShouldBe((int)StatusCode.ResourceExhausted, large.ToString());
    }

    [Fact]
    public async Task compress_responses_gzips_every_response_a_client_accepts_gzip_for()
    {
        await using var host = await Start(new() { ["Grpc:CompressResponses"] = "true" });
        using var client = new RawGrpcClient(host);

        var gzipAccepted = await client.CallAsync(UnaryCall, RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 2000 }), ("grpc-accept-encoding", "gzip"));
        var gzipNotAccepted = await client.CallAsync(UnaryCall, RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 2000 }), ("grpc-accept-encoding", "identity"));

        ResponseFrames.Read(gzipAccepted.Body).Single().Compressed.ShouldBeTrue();
        gzipAccepted.Headers["grpc-encoding"].ShouldBe("gzip");
        ResponseFrames.Read(gzipNotAccepted.Body).Single().Compressed.ShouldBeFalse();
    }

    [Fact]
    public async Task with_a_certificate_the_endpoint_speaks_tls_and_negotiates_h2_by_alpn()
    {
        var certificate = Path.Combine(Path.GetTempPath(), $"grpc-test-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(certificate, SelfSignedPfx("secret"));
        try
        {
            await using var host = await Start(new() { ["Grpc:CertificatePath"] = certificate, ["Grpc:CertificatePassword"] = "secret" });
            using var client = new RawGrpcClient(host);

            var h2 = await client.CallAsync(UnaryCall, RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 3 }));
            var http11 = await client.CallAsync(UnaryCall, [RawGrpcClient.Frame(new SimpleRequest())], [], CancellationToken.None, HttpVersion.Version11);

            h2.GrpcStatus.ShouldBe(0, h2.ToString());
            http11.HttpStatus.ShouldBe(HttpStatusCode.UpgradeRequired, http11.ToString());
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    private static SimpleRequest WithPayload(int size) => new() { Payload = new Payload { Body = ByteString.CopyFrom(new byte[size]) } };

    private static async Task<GrpcHostFixture> Start(Dictionary<string, string?> settings)
    {
        var host = new GrpcHostFixture(settings);
        await host.InitializeAsync();
        return host;
    }

    private static byte[] SelfSignedPfx(string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.Export(X509ContentType.Pfx, password);
    }
}
