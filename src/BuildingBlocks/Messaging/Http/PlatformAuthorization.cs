using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Errors;
using Onestop.Messaging.Authorization;

namespace Onestop.Messaging.Http;

/// <summary>
/// Roles at the REST edge: an endpoint carrying <see cref="AllowedRolesAttribute"/> refuses an anonymous caller (401)
/// and an official without one of its roles (403) before its body is read, so nobody learns from validation errors
/// what they may not do. Endpoints take the access rule of the command or query they send (<see cref="AccessOf{TRequest}"/>),
/// and the mediator checks the same attribute again. Which unit an official may act on is the handlers' check.
/// </summary>
public static class PlatformAuthorization
{
    /// <summary>
    /// The endpoint is open to whom <typeparamref name="TRequest"/> is: the roles of its <see cref="AllowedRolesAttribute"/>,
    /// or anyone (citizens included) when it has none.
    /// </summary>
    public static TBuilder AccessOf<TRequest, TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequestTypeMetadata(typeof(TRequest)));
        return typeof(TRequest).GetCustomAttribute<AllowedRolesAttribute>() is { } roles ? builder.WithMetadata(roles) : builder.AllowAnonymous();
    }

    /// <inheritdoc cref="AccessOf{TRequest, TBuilder}(TBuilder)"/>
    public static RouteHandlerBuilder AccessOf<TRequest>(this RouteHandlerBuilder builder) => builder.AccessOf<TRequest, RouteHandlerBuilder>();

    /// <inheritdoc cref="AccessOf{TRequest, TBuilder}(TBuilder)"/>
    public static RouteGroupBuilder AccessOf<TRequest>(this RouteGroupBuilder builder) => builder.AccessOf<TRequest, RouteGroupBuilder>();

    public static RouteHandlerBuilder Roles(this RouteHandlerBuilder builder, params string[] roles) =>
        builder.WithMetadata(new AllowedRolesAttribute(roles));

    public static RouteGroupBuilder Roles(this RouteGroupBuilder builder, params string[] roles) =>
        builder.WithMetadata(new AllowedRolesAttribute(roles));

    public static IApplicationBuilder UsePlatformAuthorization(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (RequiredRoles(http.GetEndpoint()) is { } allowed)
        {
            var context = http.RequestServices.GetRequiredService<RequestContext>();
            if (context.Actor is null)
            {
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers.WWWAuthenticate = "Bearer";
                    return Task.CompletedTask;
                });
            }

            if (!context.IsSystem)
            {
                RoleCheck.Ensure(allowed.Roles, context.Actor, context.Roles);
            }
        }

        await next(http);
    });

    /// <summary>The roles an endpoint requires, null when it is open: the most specific of roles and AllowAnonymous wins.</summary>
    public static AllowedRolesAttribute? RequiredRoles(Endpoint? endpoint) =>
        endpoint?.Metadata.LastOrDefault(m => m is AllowedRolesAttribute or IAllowAnonymous) as AllowedRolesAttribute;
}

/// <summary>The command or query an endpoint sends: its name is the endpoint's operation id in the OpenAPI document.</summary>
public sealed record RequestTypeMetadata(Type RequestType);

/// <summary>
/// The endpoint acts on the version named by If-Match (refusing with 412 when it moved on) and answers the new version as
/// its ETag: the OpenAPI document declares both headers.
/// </summary>
public sealed class OptimisticConcurrencyMetadata
{
    public static readonly OptimisticConcurrencyMetadata Instance = new();

    private OptimisticConcurrencyMetadata()
    {
    }
}
