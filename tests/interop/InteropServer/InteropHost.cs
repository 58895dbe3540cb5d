using Grpc.Testing;
using MediatR;
using Onestop.Grpc.InteropServer.Features;

namespace Onestop.Grpc.InteropServer;

/// <summary>Wires TestService, its mediator handlers and the transport into a host; the tests and Program share it.</summary>
public static class InteropHost
{
    public static IServiceCollection AddInteropTestService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddTransient<IRequestHandler<AnswerUnary, SimpleResponse>, AnswerUnaryHandler>();
        services.AddTransient<IRequestHandler<AnswerStreamingOutput, StreamingOutputCallResponse>, AnswerStreamingOutputHandler>();
        services.AddTransient<IRequestHandler<AggregatePayloads, StreamingInputCallResponse>, AggregatePayloadsHandler>();

        services.AddGrpcTransport(configuration);
        // The benchmark sets Interop:AllowAnonymous to compare transports without the cost of checking a key.
        services.AddGrpcService<TestServiceAdapter>(
            TestReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("TestService"),
            allowAnonymous: configuration.GetValue<bool>("Interop:AllowAnonymous"));
        return services;
    }
}
