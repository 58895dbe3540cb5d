using System.Security.Cryptography;
using Dapper;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Onestop.Accounts.Authentication;

/// <summary>
/// The HMAC key signing the host's own access tokens. It lives in the database, so every host on it accepts the
/// tokens of the others, and a restart does not log everyone out. The first host to start creates it.
/// </summary>
public sealed class LocalSigningKey(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string KeyId = "local-1";
    private SymmetricSecurityKey? key;

    public SymmetricSecurityKey Key => key ?? throw new InvalidOperationException("The signing key is loaded at startup, after migrations.");

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        // Two hosts starting together both try to insert; the loser reads the winner's key.
        await db.ExecuteAsync(new CommandDefinition(
            "insert into accounts_signing_keys (key_id, secret, created_at) values (@KeyId, @secret, @now) on conflict (key_id) do nothing",
            new { KeyId, secret = RandomNumberGenerator.GetBytes(32), now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
        var secret = await db.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            "select secret from accounts_signing_keys where key_id = @KeyId", new { KeyId }, cancellationToken: cancellationToken));
        key = new SymmetricSecurityKey(secret) { KeyId = KeyId };
    }
}
