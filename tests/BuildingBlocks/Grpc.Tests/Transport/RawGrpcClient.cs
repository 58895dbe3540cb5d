using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Onestop.Grpc.Tests.Interop;

namespace Onestop.Grpc.Tests.Transport;

/// <summary>
/// An HTTP/2 client with no gRPC library: it sends exactly the bytes and headers a test gives, over h2c with prior
/// knowledge, and shows exactly what came back (status, headers, body, trailers).
/// </summary>
public sealed class RawGrpcClient(GrpcHostFixture host) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        EnableMultipleHttp2Connections = true,
        // The TLS tests' host has a self-signed certificate made for the test.
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => host.UsesTls },
    })
    {
        BaseAddress = host.BaseAddress,
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static byte[] Frame(IMessage message, bool compressedFlag = false) => Frame(message.ToByteArray(), compressedFlag);

    public static byte[] Frame(byte[] payload, bool compressedFlag = false)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressedFlag ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public Task<RawResponse> CallAsync(string path, byte[] body, params (string Name, string Value)[] headers) =>
        CallAsync(path, [body], headers, CancellationToken.None);

    /// <summary>Sends the body as the given chunks, each flushed on its own so each becomes its own DATA frame.</summary>
    public async Task<RawResponse> CallAsync(
        string path, IReadOnlyList<byte[]> chunks, IEnumerable<(string Name, string Value)> headers, CancellationToken cancellationToken,
        Version? version = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path)
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ChunkedContent(chunks),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("x-api-key", GrpcHostFixture.ApiKey);
        foreach (var (name, value) in headers)
        {
            if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RawResponse(response.StatusCode, Flatten(response.Headers, response.Content.Headers), body, Flatten(response.TrailingHeaders));
    }

    public void Dispose() => _http.Dispose();

    private static Dictionary<string, string> Flatten(params HttpHeaders[] headers) =>
        headers.SelectMany(h => h).ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));

    private sealed class ChunkedContent(IReadOnlyList<byte[]> chunks) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            foreach (var chunk in chunks)
            {
                await stream.WriteAsync(chunk);
                await stream.FlushAsync();
                if (chunks.Count > 1)
                {
                    await Task.Delay(2);
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>What came back: the gRPC status is in the trailers, or in the headers of a Trailers-Only response.</summary>
public sealed record RawResponse(HttpStatusCode HttpStatus, Dictionary<string, string> Headers, byte[] Body, Dictionary<string, string> Trailers)
{
    public int? GrpcStatus =>
        Trailers.TryGetValue("grpc-status", out var inTrailers) ? int.Parse(inTrailers)
        : Headers.TryGetValue("grpc-status", out var inHeaders) ? int.Parse(inHeaders)
        : null;

    public string? GrpcMessage => Trailers.GetValueOrDefault("grpc-message") ?? Headers.GetValueOrDefault("grpc-message");

    public bool IsTrailersOnly => Body.Length == 0 && Trailers.Count == 0 && Headers.ContainsKey("grpc-status");

    public override string ToString() =>
        $"HTTP {(int)HttpStatus}; headers {string.Join("; ", Headers)}; body {Body.Length} bytes; trailers {string.Join("; ", Trailers)}";
}
