using Grpc.Testing;
using MediatR;
using Onestop.Grpc.Auth;
using Onestop.Grpc.InteropServer.Features;

namespace Onestop.Grpc.InteropServer;

/// <summary>
/// grpc.testing.TestService as the interop suite's server features describe it (Echo Status, Echo Metadata,
/// CompressedRequest/Response, interval_us). UnimplementedCall is left out on purpose: it must answer UNIMPLEMENTED.
/// </summary>
public sealed class TestServiceAdapter(IMediator mediator)
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    public async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        EnsureCompressedIfExpected(request.ExpectCompressed, context);
        await EchoMetadataAsync(context, compressResponses: request.ResponseCompressed?.Value == true);
        ThrowIfStatusRequested(request.ResponseStatus);
        return await mediator.Send(new AnswerUnary(request, context.GetCaller()?.Name), context.CancellationToken);
    }

    public async Task StreamingOutputCall(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context, compressResponses: request.ResponseParameters.Any(p => p.Compressed?.Value == true));
        ThrowIfStatusRequested(request.ResponseStatus);
        await RespondAsync(request, responses, context);
    }

    public async Task<StreamingInputCallResponse> StreamingInputCall(
        IAsyncStreamReader<StreamingInputCallRequest> requests, ServerCallContext context)
    {
        var sizes = new List<int>();
        while (await requests.MoveNext(context.CancellationToken))
        {
            EnsureCompressedIfExpected(requests.Current.ExpectCompressed, context);
            sizes.Add(requests.Current.Payload?.Body.Length ?? 0);
        }

        return await mediator.Send(new AggregatePayloads(sizes), context.CancellationToken);
    }

    public async Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requests, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context, compressResponses: false);
        while (await requests.MoveNext(context.CancellationToken))
        {
            ThrowIfStatusRequested(requests.Current.ResponseStatus);
            await RespondAsync(requests.Current, responses, context);
        }
    }

    public async Task HalfDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requests, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        var buffered = new List<StreamingOutputCallRequest>();
        while (await requests.MoveNext(context.CancellationToken))
        {
            buffered.Add(requests.Current);
        }

        foreach (var request in buffered)
        {
            await RespondAsync(request, responses, context);
        }
    }

    private async Task RespondAsync(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            var response = await mediator.Send(new AnswerStreamingOutput(parameters), context.CancellationToken);
            responses.WriteOptions = parameters.Compressed?.Value == false ? new WriteOptions(WriteFlags.NoCompress) : null;
            await responses.WriteAsync(response);
        }
    }

    /// <summary>Echo Metadata: the initial key back as a header at once, the trailing key back as a trailer.</summary>
    private static async Task EchoMetadataAsync(ServerCallContext context, bool compressResponses)
    {
        var requestHeaders = context.GetHttpContext().Request.Headers;
        if (!compressResponses && !requestHeaders.ContainsKey(EchoInitialKey) && !requestHeaders.ContainsKey(EchoTrailingKey))
        {
            // The common case, and the benchmark's: nothing to echo, so the metadata is not even read.
            return;
        }

        var headers = new Metadata();
        if (context.RequestHeaders.GetValue(EchoInitialKey) is { } initial)
        {
            headers.Add(EchoInitialKey, initial);
        }

        if (compressResponses)
        {
            headers.Add("grpc-internal-encoding-request", "gzip");
        }

        if (context.RequestHeaders.GetValueBytes(EchoTrailingKey) is { } trailing)
        {
            context.ResponseTrailers.Add(EchoTrailingKey, trailing);
        }

        if (headers.Count > 0)
        {
            await context.WriteResponseHeadersAsync(headers);
        }
    }

    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    /// <summary>CompressedRequest: a request flagged expect_compressed must have come compressed.</summary>
    private static void EnsureCompressedIfExpected(BoolValue? expectCompressed, ServerCallContext context)
    {
        if (expectCompressed?.Value != true)
        {
            return;
        }

        var encoding = context.GetHttpContext().Request.Headers.GrpcEncoding.ToString();
        if (encoding.Length == 0 || encoding == "identity")
        {
            throw new RpcException(StatusCode.InvalidArgument, "Expected a compressed request.");
        }
    }
}
