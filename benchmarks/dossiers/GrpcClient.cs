using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Onestop.Dossiers.Benchmarks;

/// <summary>
/// Just enough of a gRPC client for the benchmark (no .NET gRPC client package restores here): unary and server
/// streaming calls over HTTP/2 with prior knowledge, uncompressed, with the x-api-key header, on a few connections.
/// </summary>
internal sealed class GrpcClient : IDisposable
{
    private readonly HttpClient[] connections;
    private readonly string apiKey;

    /// <param name="connections">
    /// HTTP/2 multiplexes the calls of one connection; each HttpClient here holds exactly one, so callers are spread
    /// over several by their lane.
    /// </param>
    public GrpcClient(Uri address, string apiKey, int connections)
    {
        this.apiKey = apiKey;
        this.connections = Enumerable.Range(0, connections)
            .Select(_ => new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = address,
                Timeout = Timeout.InfiniteTimeSpan,
            })
            .ToArray();
    }

    /// <summary>A unary call on the connection of <paramref name="lane"/>: its grpc-status, and the response when it is 0 (OK).</summary>
    public async Task<(string Status, T? Response)> UnaryAsync<T>(int lane, string method, IMessage request, MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        using var message = Request(method, request);
        using var response = await connections[lane % connections.Length].SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = Status(response);
        return status == "0" ? (status, parser.ParseFrom(Unframe(body))) : (status, null);
    }

    /// <summary>A server-streaming call: each response as it arrives. The stream ending is the call failing: the calls used here never end by themselves.</summary>
    public async IAsyncEnumerable<T> ServerStreamAsync<T>(string method, IMessage request, MessageParser<T> parser, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        using var message = Request(method, request);
        using var response = await connections[0].SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var prefix = new byte[5];
        while (await stream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken) == prefix.Length)
        {
            var payload = new byte[Length(prefix)];
            await stream.ReadExactlyAsync(payload, cancellationToken);
            yield return parser.ParseFrom(payload);
        }

        throw new InvalidOperationException($"{method} ended with grpc-status {Status(response)}.");
    }

    public void Dispose()
    {
        foreach (var connection in connections)
        {
            connection.Dispose();
        }
    }

    private HttpRequestMessage Request(string method, IMessage body)
    {
        var size = body.CalculateSize();
        var frame = new byte[5 + size];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), size);
        body.WriteTo(frame.AsSpan(5));
        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.Add("x-api-key", apiKey);
        return request;
    }

    /// <summary>A unary response is exactly one uncompressed message: flag 0, its length, its bytes.</summary>
    private static ReadOnlySpan<byte> Unframe(byte[] body) =>
        body.Length >= 5 && Length(body) == body.Length - 5
            ? body.AsSpan(5)
            : throw new InvalidDataException($"Not one uncompressed gRPC message ({body.Length} bytes).");

    private static int Length(byte[] prefix) =>
        prefix[0] == 0 ? BinaryPrimitives.ReadInt32BigEndian(prefix.AsSpan(1, 4)) : throw new InvalidDataException("Compressed gRPC message.");

    /// <summary>The status is in the trailers after a response, in the headers of a Trailers-Only response (an error before any message).</summary>
    private static string Status(HttpResponseMessage response) =>
        response.StatusCode != HttpStatusCode.OK ? $"HTTP {(int)response.StatusCode}"
        : response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.First()
        : response.Headers.TryGetValues("grpc-status", out var header) ? header.First()
        : "none";
}
