using Onestop.Grpc.Server;

namespace Onestop.Grpc.Binding;

/// <summary>A method the server answers: its path, who may call it, and what runs it.</summary>
internal sealed class GrpcMethod(string serviceName, string name, bool allowAnonymous, IMethodHandler? handler)
{
    public string ServiceName { get; } = serviceName;

    public string Name { get; } = name;

    /// <summary>"/package.Service/Method", the :path of its requests.</summary>
    public string Path { get; } = $"/{serviceName}/{name}";

    /// <summary>The permission an API key needs: "package.Service/Method".</summary>
    public string Permission { get; } = $"{serviceName}/{name}";

    public bool AllowAnonymous { get; } = allowAnonymous;

    /// <summary>Null when the adapter has no method of this name: the call answers UNIMPLEMENTED.</summary>
    public IMethodHandler? Handler { get; } = handler;
}

/// <summary>Runs one call of a method: reads the request(s), invokes the adapter, writes the response(s).</summary>
internal interface IMethodHandler
{
    Task HandleAsync(GrpcCall call);
}
