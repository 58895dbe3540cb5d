using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Onestop.EventStore;

namespace Onestop.Messaging;

/// <summary>
/// Who is asking, for which unit, with which roles, under which correlation id; per request. The identity comes
/// from the request's authenticated user (REST authentication, or the gRPC transport's API-key caller) unless a
/// background job sets it explicitly.
/// </summary>
public sealed class RequestContext(IHttpContextAccessor? httpContextAccessor = null)
{
    /// <summary>The claim naming the administrative unit an official acts for (its electronic identifier code).</summary>
    public const string UnitClaim = "unit";

    /// <summary>The authentication type of integrating systems calling over gRPC with an API key.</summary>
    public const string SystemAuthenticationType = "ApiKey";

    private string? actor;
    private string? unit;
    private IReadOnlySet<string>? roles;
    private bool? isSystem;
    private (ClaimsPrincipal? Principal, Identity Identity) derived;

    public string CorrelationId { get; set; } = NewCorrelationId();

    /// <summary>The acting official or system ("user:lan.nt", "system:national-portal"); null for anonymous citizens.</summary>
    public string? Actor
    {
        get => actor ?? FromUser().Actor;
        set => actor = value;
    }

    /// <summary>The official's name as people read it ("Nguyễn Thị Lan"), when the credentials carry one.</summary>
    public string? DisplayName => FromUser().DisplayName;

    /// <summary>The administrative unit the actor acts for.</summary>
    public string? Unit
    {
        get => unit ?? FromUser().Unit;
        set => unit = value;
    }

    /// <summary>The official's roles (see <see cref="Authorization.Roles"/>).</summary>
    public IReadOnlySet<string> Roles
    {
        get => roles ?? FromUser().Roles;
        set => roles = value;
    }

    /// <summary>True for an integrating system or a background job of the platform itself, rather than an official.</summary>
    public bool IsSystem
    {
        get => isSystem ?? FromUser().IsSystem;
        set => isSystem = value;
    }

    public bool HasRole(string role) => Roles.Contains(role) || Roles.Contains(Authorization.Roles.Administrator);

    public EventMetadata ToEventMetadata(string? causationId = null) => new()
    {
        CorrelationId = CorrelationId,
        CausationId = causationId,
        Actor = Actor,
        Unit = Unit,
    };

    public static string NewCorrelationId() => Guid.CreateVersion7().ToString("N");

    /// <summary>An incoming id is accepted only if short and plain, so it is safe to log and echo.</summary>
    public static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private Identity FromUser()
    {
        var user = httpContextAccessor?.HttpContext?.User;
        if (!ReferenceEquals(user, derived.Principal) || derived.Identity is null)
        {
            derived = (user, Identity.Of(user));
        }

        return derived.Identity;
    }

    private sealed record Identity(string? Actor, string? Unit, IReadOnlySet<string> Roles, bool IsSystem, string? DisplayName = null)
    {
        private static readonly Identity Anonymous = new(null, null, new HashSet<string>(), false);

        public static Identity Of(ClaimsPrincipal? user)
        {
            if (user?.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name } identity)
            {
                return Anonymous;
            }

            var system = identity.AuthenticationType == SystemAuthenticationType;
            // Bearer tokens keep their claim names ("role"); the identity says which claim holds the roles.
            var roleClaim = (identity as ClaimsIdentity)?.RoleClaimType ?? ClaimTypes.Role;
            return new Identity(
                (system ? "system:" : "user:") + name,
                user.FindFirst(UnitClaim)?.Value,
                user.FindAll(c => c.Type == roleClaim || c.Type == ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
                system,
                user.FindFirst("name")?.Value);
        }
    }
}
