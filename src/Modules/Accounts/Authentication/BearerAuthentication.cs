using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Onestop.Messaging;
using Onestop.Messaging.Http;

namespace Onestop.Accounts.Authentication;

/// <summary>
/// <c>Authorization: Bearer</c> on the REST API: the host's own tokens from a local login, or, when
/// <c>Auth:Oidc:Authority</c> is set, access tokens of an OpenID Connect provider. The token's issuer picks which.
/// </summary>
internal static class BearerAuthentication
{
    public const string Scheme = "Bearer";
    public const string LocalScheme = "LocalJwt";
    public const string OidcScheme = "Oidc";

    public static void AddBearerAuthentication(this IServiceCollection services, AccountsOptions settings)
    {
        var oidc = !string.IsNullOrWhiteSpace(settings.Oidc.Authority);
        var authentication = services.AddAuthentication();
        authentication.AddPolicyScheme(Scheme, "Bearer token", options => options.ForwardDefaultSelector = http =>
        {
            if (!oidc)
            {
                return LocalScheme;
            }

            var header = http.Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
            var handler = new JsonWebTokenHandler();
            return handler.CanReadToken(token) && handler.ReadJsonWebToken(token).Issuer == settings.Local.Issuer ? LocalScheme : OidcScheme;
        });
        authentication.AddJwtBearer(LocalScheme, _ => { });
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, LocalBearerSetup>();
        if (oidc)
        {
            authentication.AddJwtBearer(OidcScheme, options =>
            {
                options.Authority = settings.Oidc.Authority;
                options.Audience = settings.Oidc.Audience;
                options.RequireHttpsMetadata = settings.Oidc.RequireHttpsMetadata;
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateAudience = !string.IsNullOrEmpty(settings.Oidc.Audience),
                    NameClaimType = settings.Oidc.NameClaim,
                    RoleClaimType = settings.Oidc.RoleClaim,
                };
                options.Events = new JwtBearerEvents { OnTokenValidated = context => CopyUnitClaim(context, settings.Oidc.UnitClaim) };
            });
        }

        services.Configure<PlatformAuthenticationOptions>(options => options.BearerScheme = Scheme);
    }

    /// <summary>The platform reads the unit from the "unit" claim; a provider may name it otherwise.</summary>
    private static Task CopyUnitClaim(TokenValidatedContext context, string unitClaim)
    {
        if (unitClaim != RequestContext.UnitClaim && context.Principal?.Identity is ClaimsIdentity identity
            && identity.FindFirst(unitClaim) is { } unit && identity.FindFirst(RequestContext.UnitClaim) is null)
        {
            identity.AddClaim(new Claim(RequestContext.UnitClaim, unit.Value));
        }

        return Task.CompletedTask;
    }

    private sealed class LocalBearerSetup(LocalSigningKey signingKey, IOptions<AccountsOptions> accounts) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != LocalScheme)
            {
                return;
            }

            var local = accounts.Value.Local;
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = local.Issuer,
                ValidAudience = local.Audience,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                IssuerSigningKeyResolver = (_, _, _, _) => [signingKey.Key],
                NameClaimType = TokenIssuer.NameClaim,
                RoleClaimType = TokenIssuer.RoleClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        }

        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
    }
}
