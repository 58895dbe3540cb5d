using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Onestop.Grpc.Auth;

/// <summary>An authenticated integrating system and what it may call.</summary>
public sealed class GrpcCaller(string name, IReadOnlyCollection<string> permissions)
{
    public const string AnyMethod = "*";
    public const string PermissionClaim = "permission";

    public string Name { get; } = name;

    public IReadOnlyCollection<string> Permissions { get; } = permissions;

    /// <summary>The caller as HttpContext.User sees it: its name and one "permission" claim per grant.</summary>
    public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity(
        permissions.Select(p => new Claim(PermissionClaim, p)).Prepend(new Claim(ClaimTypes.Name, name)), authenticationType: "ApiKey"));

    /// <summary>True for a grant of the method ("pkg.Service/Method"), of its service ("pkg.Service/*") or of everything ("*").</summary>
    public bool MayCall(string serviceName, string methodName)
    {
        foreach (var permission in Permissions)
        {
            if (permission == AnyMethod)
            {
                return true;
            }

            var slash = permission.IndexOf('/');
            if (slash > 0
                && permission.AsSpan(0, slash).SequenceEqual(serviceName)
                && (permission.AsSpan(slash + 1) is "*" || permission.AsSpan(slash + 1).SequenceEqual(methodName)))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Finds who is calling from a call's metadata.</summary>
public interface IGrpcAuthenticator
{
    /// <summary>The caller, or null when the call carries no valid credentials.</summary>
    ValueTask<GrpcCaller?> AuthenticateAsync(HttpContext httpContext);
}

public static class GrpcCallerExtensions
{
    /// <summary>The authenticated caller of this call; null for a service open to anonymous calls.</summary>
    public static GrpcCaller? GetCaller(this ServerCallContext context) =>
        context.GetHttpContext().Features.Get<GrpcCaller>();
}
