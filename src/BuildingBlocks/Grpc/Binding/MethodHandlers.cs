using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Grpc.Server;

namespace Onestop.Grpc.Binding;

/// <summary>Task&lt;TResponse&gt; Method(TRequest, ServerCallContext)</summary>
internal sealed class UnaryHandler<TAdapter, TRequest, TResponse>(
    Func<TAdapter, TRequest, ServerCallContext, Task<TResponse>> invoke, MessageParser<TRequest> parser) : IMethodHandler
    where TAdapter : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public async Task HandleAsync(GrpcCall call)
    {
        var request = await call.ReadSingleMessageAsync(parser);
        var adapter = call.HttpContext.RequestServices.GetRequiredService<TAdapter>();
        var response = await invoke(adapter, request, call);
        await call.WriteMessageAsync(response, call.WriteOptions, flush: false, call.CancellationToken);
    }
}

/// <summary>Task Method(TRequest, IServerStreamWriter&lt;TResponse&gt;, ServerCallContext)</summary>
internal sealed class ServerStreamingHandler<TAdapter, TRequest, TResponse>(
    Func<TAdapter, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoke, MessageParser<TRequest> parser) : IMethodHandler
    where TAdapter : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public async Task HandleAsync(GrpcCall call)
    {
        var request = await call.ReadSingleMessageAsync(parser);
        var adapter = call.HttpContext.RequestServices.GetRequiredService<TAdapter>();
        await invoke(adapter, request, new ResponseStreamWriter<TResponse>(call), call);
    }
}

/// <summary>Task&lt;TResponse&gt; Method(IAsyncStreamReader&lt;TRequest&gt;, ServerCallContext)</summary>
internal sealed class ClientStreamingHandler<TAdapter, TRequest, TResponse>(
    Func<TAdapter, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> invoke, MessageParser<TRequest> parser) : IMethodHandler
    where TAdapter : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public async Task HandleAsync(GrpcCall call)
    {
        var adapter = call.HttpContext.RequestServices.GetRequiredService<TAdapter>();
        var response = await invoke(adapter, new RequestStreamReader<TRequest>(call, parser), call);
        await call.WriteMessageAsync(response, call.WriteOptions, flush: false, call.CancellationToken);
    }
}

/// <summary>Task Method(IAsyncStreamReader&lt;TRequest&gt;, IServerStreamWriter&lt;TResponse&gt;, ServerCallContext)</summary>
internal sealed class DuplexStreamingHandler<TAdapter, TRequest, TResponse>(
    Func<TAdapter, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoke,
    MessageParser<TRequest> parser) : IMethodHandler
    where TAdapter : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public async Task HandleAsync(GrpcCall call)
    {
        var adapter = call.HttpContext.RequestServices.GetRequiredService<TAdapter>();
        await invoke(adapter, new RequestStreamReader<TRequest>(call, parser), new ResponseStreamWriter<TResponse>(call), call);
    }
}
