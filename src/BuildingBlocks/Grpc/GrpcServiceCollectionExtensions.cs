using HealthProto = Grpc.Health.V1.HealthReflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Onestop.Grpc.Auth;
using Onestop.Grpc.Binding;
using Onestop.Grpc.Health;
using Onestop.Grpc.Reflection;
using Onestop.Grpc.Server;
using ReflectionV1AlphaProto = Grpc.Reflection.V1Alpha.ReflectionReflection;
using ReflectionV1Proto = Grpc.Reflection.V1.ReflectionReflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Onestop.Grpc;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>
    /// The transport with its options from the "Grpc" section, API-key authentication, and the standard services
    /// grpc.health.v1 and grpc.reflection (v1, v1alpha), which answer without a key.
    /// </summary>
    public static IServiceCollection AddGrpcTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GrpcOptions>().Bind(configuration.GetSection(GrpcOptions.SectionName));
        services.TryAddSingleton<IGrpcAuthenticator, ApiKeyAuthenticator>();
        services.TryAddSingleton<IReadinessProbe, HostLifetimeReadinessProbe>();
        services.TryAddSingleton<GrpcDispatcher>();
        services.TryAddSingleton<DescriptorIndex>();
        services.TryAddSingleton<ReflectionService>();

        services.AddGrpcService<HealthService>(HealthProto.Descriptor.Services[0], allowAnonymous: true);
        services.AddGrpcService<ReflectionService>(ReflectionV1Proto.Descriptor.Services[0], allowAnonymous: true);
        services.AddGrpcService<ReflectionV1AlphaService>(ReflectionV1AlphaProto.Descriptor.Services[0], allowAnonymous: true);
        return services;
    }

    /// <summary>
    /// Serves a service declared in a .proto (its descriptor, e.g. <c>FooReflection.Descriptor.Services[0]</c>) with an
    /// adapter whose public methods are named like the rpcs. The adapter is resolved per call from the request scope.
    /// </summary>
    public static IServiceCollection AddGrpcService<TAdapter>(this IServiceCollection services, ServiceDescriptor service, bool allowAnonymous = false)
        where TAdapter : class
    {
        ArgumentNullException.ThrowIfNull(service);
        services.TryAddScoped<TAdapter>();
        Registry(services).Add(service, typeof(TAdapter), allowAnonymous);
        return services;
    }

    private static GrpcServiceRegistry Registry(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(GrpcServiceRegistry))?.ImplementationInstance is GrpcServiceRegistry existing)
        {
            return existing;
        }

        var registry = new GrpcServiceRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}
