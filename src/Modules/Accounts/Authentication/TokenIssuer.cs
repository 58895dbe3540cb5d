using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Onestop.Accounts.Domain;
using Onestop.Messaging;

namespace Onestop.Accounts.Authentication;

/// <summary>Access tokens for local logins: a JWT (HS256) naming the official, the unit and the roles.</summary>
public sealed class TokenIssuer(LocalSigningKey signingKey, IOptions<AccountsOptions> options, TimeProvider clock)
{
    public const string NameClaim = "sub";
    public const string DisplayNameClaim = "name";
    public const string RoleClaim = "role";

    private static readonly JsonWebTokenHandler Handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(Account account)
    {
        var local = options.Value.Local;
        var now = clock.GetUtcNow();
        var expiresAt = now + local.TokenLifetime;
        var claims = new List<Claim>
        {
            new(NameClaim, account.UserName),
            new(DisplayNameClaim, account.DisplayName),
            new(RequestContext.UnitClaim, account.Unit),
        };
        claims.AddRange(account.Roles.Select(role => new Claim(RoleClaim, role)));
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = local.Issuer,
            Audience = local.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expiresAt);
    }
}
