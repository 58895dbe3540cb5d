using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onestop.Messaging.Authorization;

namespace Onestop.Messaging.Http;

/// <summary>
/// Who calls the REST API. The default scheme looks at the request: a bearer token goes to the scheme the accounts
/// module registers (local logins and OpenID Connect, docs/authentication.md); the "trusted headers" of development
/// and tests (<c>X-Onestop-User</c>, <c>X-Onestop-Unit</c>, <c>X-Onestop-Roles</c>, comma-separated, see
/// <see cref="Roles"/>) are believed as sent when <c>Auth:TrustedHeaders</c> is on, which is refused outside the
/// Development environment. Without either the caller is anonymous, and endpoints that require roles answer 401
/// (<see cref="PlatformAuthorization"/>).
/// </summary>
public static class PlatformAuthentication
{
    public const string DefaultScheme = "Platform";
    public const string TrustedHeadersScheme = "TrustedHeaders";
    public const string UserHeader = "X-Onestop-User";
    public const string UnitHeader = "X-Onestop-Unit";
    public const string RolesHeader = "X-Onestop-Roles";

    public static IServiceCollection AddPlatformAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddHttpContextAccessor();
        var trustedHeaders = configuration.GetValue("Auth:TrustedHeaders", false);
        if (trustedHeaders && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "Auth:TrustedHeaders believes whoever sets the X-Onestop-* headers; it is only allowed in the Development environment.");
        }

        var authentication = services.AddAuthentication(DefaultScheme);
        authentication.AddScheme<AuthenticationSchemeOptions, AnonymousHandler>(AnonymousScheme, null);
        authentication.AddPolicyScheme(DefaultScheme, "Platform", options => options.ForwardDefaultSelector = http =>
        {
            if (trustedHeaders && http.Request.Headers.ContainsKey(UserHeader))
            {
                return TrustedHeadersScheme;
            }

            var bearer = http.RequestServices.GetRequiredService<IOptions<PlatformAuthenticationOptions>>().Value.BearerScheme;
            return bearer is not null && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? bearer
                : AnonymousScheme;
        });
        if (trustedHeaders)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, TrustedHeadersHandler>(TrustedHeadersScheme, null);
        }

        return services;
    }

    public static IApplicationBuilder UsePlatformAuthentication(this IApplicationBuilder app) => app.UseAuthentication();

    private const string AnonymousScheme = "Anonymous";

    /// <summary>No credentials: nobody, without an error.</summary>
    private sealed class AnonymousHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }

    private sealed class TrustedHeadersHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var user = Request.Headers[UserHeader].ToString();
            if (user.Length == 0)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            if (!RequestContext.IsAcceptable(user))
            {
                return Task.FromResult(AuthenticateResult.Fail($"{UserHeader} must be a plain login name."));
            }

            var claims = new List<Claim> { new(ClaimTypes.Name, user) };
            if (Request.Headers[UnitHeader].ToString() is { Length: > 0 } unit)
            {
                claims.Add(new Claim(RequestContext.UnitClaim, unit));
            }

            claims.AddRange(Request.Headers[RolesHeader].ToString()
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(role => new Claim(ClaimTypes.Role, role)));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, TrustedHeadersScheme));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, TrustedHeadersScheme)));
        }
    }
}

/// <summary>Which scheme reads bearer tokens; set by the module that issues and accepts them.</summary>
public sealed class PlatformAuthenticationOptions
{
    public string? BearerScheme { get; set; }
}
