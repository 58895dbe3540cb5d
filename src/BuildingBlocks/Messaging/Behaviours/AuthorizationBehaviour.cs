using System.Reflection;
using MediatR;
using Onestop.Errors;
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

        if (context.Actor is null)
        {
            throw new AppException(ErrorKind.Unauthenticated, "auth.unauthenticated", "Bạn cần đăng nhập để thực hiện thao tác này.");
        }

        if (!context.Roles.Contains(Roles.Administrator) && !AllowedRoles.Any(context.Roles.Contains))
        {
            throw AppException.Forbidden("auth.role_required",
                $"Tài khoản của bạn không có vai trò được phép thực hiện thao tác này (cần một trong: {string.Join(", ", AllowedRoles)}).");
        }

        return next();
    }
}
