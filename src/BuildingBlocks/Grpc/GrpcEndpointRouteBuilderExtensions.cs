using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Grpc.Binding;
using Onestop.Grpc.Server;
using Onestop.Grpc.Wire;

namespace Onestop.Grpc;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps "/package.Service/Method" for every added service, and answers UNIMPLEMENTED to gRPC calls of other
    /// methods or services. Returns a builder for conventions on all of them (e.g. RequireHost("*:5081")).
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcServices(this IEndpointRouteBuilder endpoints)
    {
        var registry = endpoints.ServiceProvider.GetRequiredService<GrpcServiceRegistry>();
        var dispatcher = endpoints.ServiceProvider.GetRequiredService<GrpcDispatcher>();
        var builders = new List<IEndpointConventionBuilder>();

        foreach (var method in registry.BindAll())
        {
            builders.Add(endpoints.Map(RoutePatternFactory.Parse(method.Path), http => dispatcher.DispatchAsync(http, method))
                .WithDisplayName($"gRPC {method.Path}"));
        }

        foreach (var registration in registry.Registrations)
        {
            var service = registration.Service.FullName;
            builders.Add(endpoints.Map(RoutePatternFactory.Parse($"/{service}/{{method}}"),
                http => AnswerUnimplementedAsync(http, $"Method {http.Request.Path} is not implemented."))
                .WithDisplayName($"gRPC {service} unknown method"));
        }

        var anyService = RoutePatternFactory.Parse("/{service}/{method}", defaults: null, parameterPolicies: new { service = new GrpcServiceNameConstraint() });
        builders.Add(endpoints.Map(anyService, http => AnswerUnimplementedAsync(http, $"Service of {http.Request.Path} is not implemented."))
            .WithDisplayName("gRPC unknown service"));
        return new ConventionBuilders(builders);
    }

    private static Task AnswerUnimplementedAsync(HttpContext http, string message)
    {
        if (!GrpcHeaders.IsGrpcContentType(http.Request.ContentType))
        {
            // Not a gRPC client: a path that merely looks like a service is simply not found.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (RequestChecks.IsAcceptable(http))
        {
            ResponseHeaders.WriteTrailersOnly(http.Response, new Status(StatusCode.Unimplemented, message), null, null);
        }

        return Task.CompletedTask;
    }

    /// <summary>A package-qualified service name ("pkg.Service"), so the catch-all leaves ordinary paths alone.</summary>
    private sealed class GrpcServiceNameConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && value is string name && name.Contains('.') && !name.StartsWith('.') && !name.EndsWith('.');
    }

    private sealed class ConventionBuilders(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
