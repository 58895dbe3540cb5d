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
        var reader = _http.Request.BodyReader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                T? message = null;
                try
                {
                    message = TryParseNext(parser, ref buffer);
                }
                finally
                {
                    Advance(reader, buffer, message is not null);
                }

                if (message is not null)
                {
                    return message;
                }

                if (result.IsCompleted)
                {
                    return buffer.IsEmpty
                        ? null
                        : throw new RpcException(StatusCode.Internal, "Request ended in the middle of a message.");
                }
            }
        }
        catch (IOException aborted)
        {
            throw ClientAborted(aborted);
        }
    }

    /// <summary>
    /// The one request of a unary or server-streaming call; the client must send exactly one. One loop rather than
    /// two ReadMessageAsync calls: the message and the end of the stream usually arrive in the same read.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var reader = _http.Request.BodyReader;
        T? message = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(CancellationToken);
                var buffer = result.Buffer;
                try
                {
                    message ??= TryParseNext(parser, ref buffer);
                    if (message is not null && !buffer.IsEmpty)
                    {
                        throw new RpcException(StatusCode.Internal, "More than one request message for a method that takes one.");
                    }
                }
                finally
                {
                    Advance(reader, buffer, message is not null);
                }

                if (result.IsCompleted)
                {
                    return message ?? throw new RpcException(StatusCode.Internal, buffer.IsEmpty
                        ? "Request ended without a message."
                        : "Request ended in the middle of a message.");
                }
            }
        }
        catch (IOException aborted)
        {
            throw ClientAborted(aborted);
        }
    }

    /// <summary>
    /// Kestrel's way of saying the client reset the stream or dropped the connection, from ReadAsync or AdvanceTo
    /// alike (RequestAborted may not be set yet): the call is cancelled, not failed.
    /// </summary>
    private static RpcException ClientAborted(IOException aborted) =>
        new(new Status(StatusCode.Cancelled, "The client aborted the request stream."), null, aborted);

    /// <summary>After a message, what follows may be the next one: consumed up to it, examined no further.</summary>
    private static void Advance(System.IO.Pipelines.PipeReader reader, ReadOnlySequence<byte> rest, bool messageRead)
    {
        if (messageRead)
        {
            reader.AdvanceTo(rest.Start);
        }
        else
        {
            reader.AdvanceTo(rest.Start, rest.End);
        }
    }

    /// <summary>
    /// The next whole message at the start of the buffer, which then starts after it; null (and the buffer as it
    /// was) when more bytes are needed.
    /// </summary>
    private T? TryParseNext<T>(MessageParser<T> parser, ref ReadOnlySequence<byte> buffer)
        where T : class, IMessage<T>
    {
        var parsed = MessageFrame.TryRead(ref buffer, _options.MaxReceiveMessageSize, out var compressed, out var payload, out var length);
        return parsed switch
        {
            MessageFrame.ParseResult.Message => Deserialize(parser, compressed, payload),
            MessageFrame.ParseResult.TooLarge => throw new RpcException(StatusCode.ResourceExhausted,
                $"Received message larger than max ({length} vs. {_options.MaxReceiveMessageSize})"),
            MessageFrame.ParseResult.InvalidFlag => throw new RpcException(StatusCode.Internal, "Message flag byte is neither 0 nor 1."),
            _ => null,
        };
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
