using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Testing;
using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Onestop.Grpc.InteropServer.Features;

namespace Onestop.Grpc.InteropServer;

/// <summary>
/// What benchmarks/grpc needs besides TestService: the same unary work as plain HTTP/2 (no gRPC framing, no
/// trailers), and a count of the grpc-status each call really ended with, since h2load sees only HTTP statuses.
/// </summary>
internal static class BenchmarkSupport
{
    private const int ResetByClient = 17;
    private const int NoStatus = 18;

    // One counter per grpc-status (0-16), then calls the client reset, then calls that ended with no status at all;
    // plain Interlocked counters so that counting adds no contention to the calls it counts.
    private static readonly long[] StatusCounts = new long[NoStatus + 1];

    /// <summary>Counts the grpc-status of every gRPC call, from the trailers or a Trailers-Only response.</summary>
    public static async Task CountGrpcStatus(HttpContext http, RequestDelegate next)
    {
        await next(http);
        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            return;
        }

        var trailers = http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        var status = trailers?.GrpcStatus.ToString() is { Length: > 0 } fromTrailers ? fromTrailers : http.Response.Headers.GrpcStatus.ToString();
        // h2load resets the calls in flight when it stops: those end with no status on the wire, or with CANCELLED
        // when the transport saw the connection drop before the request was marked aborted.
        var slot = http.RequestAborted.IsCancellationRequested || status == "1" ? ResetByClient
            : int.TryParse(status, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && code <= 16 ? code
            : NoStatus;
        Interlocked.Increment(ref StatusCounts[slot]);
    }

    public static void MapBenchmarkEndpoints(this WebApplication app)
    {
        app.MapGet("/stats/grpc-status", () => StatusCounts
            .Select((count, slot) => (Key: slot switch
            {
                ResetByClient => "reset-by-client",
                NoStatus => "none",
                _ => slot.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, count))
            .Where(entry => entry.count > 0)
            .ToDictionary(entry => entry.Key, entry => entry.count));
        // Bytes this process has allocated so far: the difference over a run, divided by its calls, is a call's cost
        // in allocations, steadier than requests/s on a shared machine.
        app.MapGet("/stats/allocated", () => GC.GetTotalAllocatedBytes(precise: false));
        app.MapPost("/plain/unary", async (HttpContext http, IMediator mediator) =>
        {
            var body = await http.Request.BodyReader.ReadAtLeastAsync(int.MaxValue, http.RequestAborted);
            var request = SimpleRequest.Parser.ParseFrom(body.Buffer);
            http.Request.BodyReader.AdvanceTo(body.Buffer.End);
            var response = await mediator.Send(new AnswerUnary(request, null), http.RequestAborted);
            http.Response.ContentType = "application/x-protobuf";
            var size = response.CalculateSize();
            http.Response.ContentLength = size;
            response.WriteTo(http.Response.BodyWriter.GetSpan(size)[..size]);
            http.Response.BodyWriter.Advance(size);
        });
    }

    /// <summary>TestService's .proto files and their imports as a FileDescriptorSet, for peers that build messages at run time.</summary>
    public static byte[] DescriptorSet()
    {
        var set = new FileDescriptorSet();
        var ordered = new List<FileDescriptor>();
        void Visit(FileDescriptor file)
        {
            if (ordered.Any(f => f.Name == file.Name))
            {
                return;
            }

            foreach (var dependency in file.Dependencies)
            {
                Visit(dependency);
            }

            ordered.Add(file);
        }

        Visit(TestReflection.Descriptor);
        set.File.AddRange(ordered.Select(f => FileDescriptorProto.Parser.ParseFrom(f.SerializedData)));
        return set.ToByteArray();
    }
}
