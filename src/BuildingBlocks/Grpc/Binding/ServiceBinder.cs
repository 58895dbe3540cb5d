using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Onestop.Grpc.Binding;

/// <summary>
/// Binds a service's methods, as protoc describes them, to the adapter's methods of the same name. A method the
/// adapter lacks answers UNIMPLEMENTED; a method of the right name but the wrong shape fails at start-up.
/// </summary>
internal static class ServiceBinder
{
    public static IReadOnlyList<GrpcMethod> Bind(ServiceDescriptor service, Type adapterType, bool allowAnonymous)
    {
        var methods = new List<GrpcMethod>(service.Methods.Count);
        foreach (var method in service.Methods)
        {
            var candidate = adapterType.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance);
            var handler = candidate is null ? null : CreateHandler(method, candidate, adapterType);
            methods.Add(new GrpcMethod(service.FullName, method.Name, allowAnonymous, handler));
        }

        return methods;
    }

    private static IMethodHandler CreateHandler(MethodDescriptor method, MethodInfo target, Type adapterType)
    {
        var request = method.InputType.ClrType;
        var response = method.OutputType.ClrType;
        var (handlerType, parameters, returnType) = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => (typeof(UnaryHandler<,,>), new[] { request, typeof(ServerCallContext) }, typeof(Task<>).MakeGenericType(response)),
            (false, true) => (typeof(ServerStreamingHandler<,,>),
                new[] { request, typeof(IServerStreamWriter<>).MakeGenericType(response), typeof(ServerCallContext) }, typeof(Task)),
            (true, false) => (typeof(ClientStreamingHandler<,,>),
                new[] { typeof(IAsyncStreamReader<>).MakeGenericType(request), typeof(ServerCallContext) }, typeof(Task<>).MakeGenericType(response)),
            (true, true) => (typeof(DuplexStreamingHandler<,,>),
                new[] { typeof(IAsyncStreamReader<>).MakeGenericType(request), typeof(IServerStreamWriter<>).MakeGenericType(response), typeof(ServerCallContext) },
                typeof(Task)),
        };

        var actual = target.GetParameters().Select(p => p.ParameterType).ToArray();
        if (!actual.SequenceEqual(parameters) || target.ReturnType != returnType)
        {
            var expected = $"{FriendlyName(returnType)} {method.Name}({string.Join(", ", parameters.Select(FriendlyName))})";
            throw new InvalidOperationException(
                $"{adapterType.Name}.{method.Name} does not match rpc {method.FullName}: expected {expected}.");
        }

        var delegateType = Type.GetType($"System.Func`{parameters.Length + 2}")!
            .MakeGenericType([adapterType, .. parameters, returnType]);
        var invoke = Delegate.CreateDelegate(delegateType, target);
        var parser = request.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return (IMethodHandler)Activator.CreateInstance(handlerType.MakeGenericType(adapterType, request, response), invoke, parser)!;
    }

    private static string FriendlyName(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyName))}>"
        : type.Name;
}
