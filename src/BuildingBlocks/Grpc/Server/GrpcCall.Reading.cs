using System.Buffers;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Onestop.Grpc.Wire;

namespace Onestop.Grpc.Server;

internal sealed partial class GrpcCall
{
    /// <summary>Reads the next request message, or null once the client has half-closed.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        try
        {
            return await ReadFromBodyAsync(parser, cancellationToken);
        }
        catch (IOException aborted)
        {
            // Kestrel's way of saying the client reset the stream or dropped the connection, from ReadAsync or
            // AdvanceTo alike (RequestAborted may not be set yet): the call is cancelled, not failed.
            throw new RpcException(new Status(StatusCode.Cancelled, "The client aborted the request stream."), null, aborted);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<T?> ReadFromBodyAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var reader = _http.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var parsed = MessageFrame.TryRead(ref buffer, _options.MaxReceiveMessageSize, out var compressed, out var payload, out var length);
            switch (parsed)
            {
                case MessageFrame.ParseResult.Message:
                    try
                    {
                        return Deserialize(parser, compressed, payload);
                    }
                    finally
                    {
                        reader.AdvanceTo(buffer.Start);
                    }

                case MessageFrame.ParseResult.TooLarge:
                    reader.AdvanceTo(buffer.Start);
                    throw new RpcException(StatusCode.ResourceExhausted,
                        $"Received message larger than max ({length} vs. {_options.MaxReceiveMessageSize})");

                case MessageFrame.ParseResult.InvalidFlag:
                    reader.AdvanceTo(buffer.Start);
                    throw new RpcException(StatusCode.Internal, "Message flag byte is neither 0 nor 1.");
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return buffer.IsEmpty
                    ? null
                    : throw new RpcException(StatusCode.Internal, "Request ended in the middle of a message.");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>The one request of a unary or server-streaming call; the client must send exactly one.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var message = await ReadMessageAsync(parser, CancellationToken)
            ?? throw new RpcException(StatusCode.Internal, "Request ended without a message.");
        if (await ReadMessageAsync(parser, CancellationToken) is not null)
        {
            throw new RpcException(StatusCode.Internal, "More than one request message for a method that takes one.");
        }

        return message;
    }

    private T Deserialize<T>(MessageParser<T> parser, bool compressed, ReadOnlySequence<byte> payload)
        where T : class, IMessage<T>
    {
        try
        {
            if (!compressed)
            {
                return parser.ParseFrom(payload);
            }

            if (!_requestIsGzip)
            {
                throw new RpcException(StatusCode.Internal, "Message is flagged compressed but the request names no grpc-encoding.");
            }

            var inflated = MessageCompression.Decompress(payload, _options.MaxReceiveMessageSize)
                ?? throw new RpcException(StatusCode.ResourceExhausted,
                    $"Received message larger than max once decompressed (limit {_options.MaxReceiveMessageSize})");
            return parser.ParseFrom(inflated);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(StatusCode.Internal, "Request message is not valid protobuf.");
        }
        catch (InvalidDataException)
        {
            throw new RpcException(StatusCode.Internal, "Request message is not valid gzip.");
        }
    }
}
