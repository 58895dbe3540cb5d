namespace Onestop.Messaging.Authorization;

/// <summary>
/// Marks a command or query that only officials with one of these roles (or an administrator) may send, and
/// integrating systems whose API key grants the gRPC method. A request without it is open to anyone, citizens
/// included. Enforced by <see cref="Behaviours.AuthorizationBehaviour{TRequest,TResponse}"/> before validation.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class AllowedRolesAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}
