using System.Reflection;
using MediatR;
using Onestop.Messaging.Authorization;

namespace Onestop.Messaging.Behaviours;

/// <summary>
/// Refuses a request marked with <see cref="AllowedRolesAttribute"/> to an anonymous caller (Unauthenticated) and to
/// an official without one of its roles (Forbidden). Integrating systems pass: the gRPC transport has already
/// checked their API key's permission for the method. Which unit an official may act on is the handler's check.
/// </summary>
public sealed class AuthorizationBehaviour<TRequest, TResponse>(RequestContext context) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly IReadOnlyList<string>? AllowedRoles = typeof(TRequest).GetCustomAttribute<AllowedRolesAttribute>()?.Roles;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (AllowedRoles is null || context.IsSystem)
        {
            return next();
        }

        RoleCheck.Ensure(AllowedRoles, context.Actor, context.Roles);
        return next();
    }
}
