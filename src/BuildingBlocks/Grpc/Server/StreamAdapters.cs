using Google.Protobuf;

namespace Onestop.Grpc.Server;

internal sealed class RequestStreamReader<T>(GrpcCall call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("Call MoveNext and check it returned true first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (!cancellationToken.CanBeCanceled || cancellationToken == call.CancellationToken)
        {
            _current = await call.ReadMessageAsync(parser, call.CancellationToken);
            return _current is not null;
        }

        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken);
        _current = await call.ReadMessageAsync(parser, both.Token);
        return _current is not null;
    }
}

internal sealed class ResponseStreamWriter<T>(GrpcCall call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        var token = cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken;
        return call.WriteMessageAsync(message, WriteOptions, flush: true, token).AsTask();
    }
}
