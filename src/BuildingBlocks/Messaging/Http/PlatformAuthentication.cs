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
/// Who calls the REST API. Until the admin UI brings local accounts and OpenID Connect, the only scheme is
/// "trusted headers" for development and tests: <c>X-Onestop-User</c>, <c>X-Onestop-Unit</c> and
/// <c>X-Onestop-Roles</c> (comma-separated, see <see cref="Roles"/>) are believed as sent. It is switched on by
/// <c>Auth:TrustedHeaders</c> and refused outside the Development environment. Without it every caller is
/// anonymous, so requests marked with <see cref="AllowedRolesAttribute"/> answer 401.
/// </summary>
public static class PlatformAuthentication
{
    public const string TrustedHeadersScheme = "TrustedHeaders";
    public const string UserHeader = "X-Onestop-User";
    public const string UnitHeader = "X-Onestop-Unit";
    public const string RolesHeader = "X-Onestop-Roles";

    public static IServiceCollection AddPlatformAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddHttpContextAccessor();
        var authentication = services.AddAuthentication();
        if (configuration.GetValue("Auth:TrustedHeaders", false))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    "Auth:TrustedHeaders believes whoever sets the X-Onestop-* headers; it is only allowed in the Development environment.");
            }

            services.Configure<AuthenticationOptions>(options => options.DefaultScheme = TrustedHeadersScheme);
            authentication.AddScheme<AuthenticationSchemeOptions, TrustedHeadersHandler>(TrustedHeadersScheme, null);
        }

        return services;
    }

    public static IApplicationBuilder UsePlatformAuthentication(this IApplicationBuilder app) => app.UseAuthentication();

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
