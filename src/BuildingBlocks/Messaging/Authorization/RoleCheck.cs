using Onestop.Errors;

namespace Onestop.Messaging.Authorization;

/// <summary>The one rule for roles, used by the REST edge and by the mediator pipeline alike.</summary>
public static class RoleCheck
{
    /// <summary>Throws Unauthenticated for an anonymous caller and Forbidden for an official with none of the roles.</summary>
    public static void Ensure(IReadOnlyList<string> allowedRoles, string? actor, IReadOnlySet<string> roles)
    {
        if (actor is null)
        {
            throw new AppException(ErrorKind.Unauthenticated, "auth.unauthenticated", "Bạn cần đăng nhập để thực hiện thao tác này.");
        }

        if (!roles.Contains(Roles.Administrator) && !allowedRoles.Any(roles.Contains))
        {
            throw AppException.Forbidden("auth.role_required",
                $"Tài khoản của bạn không có vai trò được phép thực hiện thao tác này (cần một trong: {string.Join(", ", allowedRoles)}).");
        }
    }
}
