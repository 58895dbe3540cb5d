using Google.Protobuf.Reflection;

namespace Onestop.Grpc.Binding;

/// <summary>The services added with AddGrpcService, bound to their adapters when the endpoints are mapped.</summary>
internal sealed class GrpcServiceRegistry
{
    private readonly List<Registration> _registrations = [];

    public IReadOnlyList<Registration> Registrations => _registrations;

    /// <summary>Every service name the server answers, for health and reflection.</summary>
    public IEnumerable<string> ServiceNames => _registrations.Select(r => r.Service.FullName);

    public void Add(ServiceDescriptor service, Type adapterType, bool allowAnonymous)
    {
        if (_registrations.Any(r => r.Service.FullName == service.FullName))
        {
            throw new InvalidOperationException($"gRPC service {service.FullName} is added twice.");
        }

        _registrations.Add(new Registration(service, adapterType, allowAnonymous));
    }

    public IReadOnlyList<GrpcMethod> BindAll() =>
        _registrations.SelectMany(r => ServiceBinder.Bind(r.Service, r.AdapterType, r.AllowAnonymous)).ToArray();

    public sealed record Registration(ServiceDescriptor Service, Type AdapterType, bool AllowAnonymous);
}
