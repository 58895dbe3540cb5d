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
    /// Maps "/package.Service/Method" for every added service, and answers UNIMPLEMENTED to gRPC calls that match
    /// no endpoint (other methods, other services). Returns a builder for conventions on all the methods, e.g.
    /// RequireHost("*:5081").
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcServices(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<GrpcServiceRegistry>();
        var dispatcher = app.Services.GetRequiredService<GrpcDispatcher>();
        var builders = new List<IEndpointConventionBuilder>();
        foreach (var method in registry.BindAll())
        {
            builders.Add(app.Map(RoutePatternFactory.Parse(method.Path), http => dispatcher.DispatchAsync(http, method))
                .WithDisplayName($"gRPC {method.Path}"));
        }

        // Unknown calls are answered after routing found nothing, rather than by catch-all routes: those would be
        // candidates of every call (costing each a second match) and could shadow REST paths.
        var services = registry.ServiceNames.ToHashSet(StringComparer.Ordinal);
        app.Use(next => http => http.GetEndpoint() is null && GrpcHeaders.IsGrpcContentType(http.Request.ContentType)
            ? AnswerUnimplementedAsync(http, services)
            : next(http));
        return new ConventionBuilders(builders);
    }

    private static Task AnswerUnimplementedAsync(HttpContext http, HashSet<string> services)
    {
        if (RequestChecks.IsAcceptable(http))
        {
            var path = http.Request.Path.Value ?? string.Empty;
            var slash = path.IndexOf('/', 1);
            var service = slash > 0 ? path[1..slash] : path.TrimStart('/');
            var message = services.Contains(service) ? $"Method {path} is not implemented." : $"Service '{service}' is not implemented.";
            ResponseHeaders.WriteTrailersOnly(http.Response, new Status(StatusCode.Unimplemented, message), null, null);
        }

        return Task.CompletedTask;
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
