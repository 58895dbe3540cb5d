using Dapper;
using Npgsql;

namespace Onestop.Accounts.Domain;

/// <summary>
/// The accounts table. Every write is one statement on its own connection, so a failed login's count survives the
/// refusal that follows it, and concurrent wrong passwords are all counted.
/// </summary>
public sealed class AccountStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Columns =
        "user_name as username, display_name as displayname, unit, roles, password_hash as passwordhash, failed_attempts as failedattempts, " +
        "locked_until as lockeduntil, disabled, created_at as createdat, last_login_at as lastloginat";

    public async Task<Account?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await db.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from accounts where user_name = @userName", new { userName }, cancellationToken: cancellationToken));
        return row?.ToAccount();
    }

    public async Task<IReadOnlyList<Account>> ListAsync(string? unit, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await db.QueryAsync<Row>(new CommandDefinition(
            $"select {Columns} from accounts where @unit::text is null or unit = @unit order by user_name", new { unit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        return await db.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from accounts)", cancellationToken: cancellationToken));
    }

    /// <summary>Creates the account; false when the login name is taken.</summary>
    public async Task<bool> CreateAsync(string userName, string displayName, string unit, IReadOnlyList<string> roles, string passwordHash,
        CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.ExecuteAsync(new CommandDefinition(
            """
            insert into accounts (user_name, display_name, unit, roles, password_hash, created_at, updated_at)
            values (@userName, @displayName, @unit, @roles, @passwordHash, @now, @now)
            on conflict (user_name) do nothing
            """,
            new { userName, displayName, unit, roles = roles.ToArray(), passwordHash, now }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Changes what is given (null leaves it); false when there is no such account.</summary>
    public async Task<bool> UpdateAsync(string userName, string? displayName, string? unit, IReadOnlyList<string>? roles, bool? disabled,
        CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        return await db.ExecuteAsync(new CommandDefinition(
            """
            update accounts set display_name = coalesce(@displayName, display_name), unit = coalesce(@unit, unit),
                roles = coalesce(@roles, roles), disabled = coalesce(@disabled, disabled), updated_at = @now
            where user_name = @userName
            """,
            new { userName, displayName, unit, roles = roles?.ToArray(), disabled, now = clock.GetUtcNow() },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>A new password; also lifts a lockout.</summary>
    public async Task<bool> SetPasswordAsync(string userName, string passwordHash, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        return await db.ExecuteAsync(new CommandDefinition(
            """
            update accounts set password_hash = @passwordHash, failed_attempts = 0, locked_until = null, updated_at = @now
            where user_name = @userName
            """,
            new { userName, passwordHash, now = clock.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> UnlockAsync(string userName, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        return await db.ExecuteAsync(new CommandDefinition(
            "update accounts set failed_attempts = 0, locked_until = null, updated_at = @now where user_name = @userName",
            new { userName, now = clock.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Counts one wrong password, atomically; the attempt that reaches the limit locks the account and starts the
    /// count again. Returns when the account is now locked until, if it is.
    /// </summary>
    public async Task<DateTimeOffset?> RecordFailureAsync(string userName, LockoutOptions lockout, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var lockedUntil = await db.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            """
            update accounts set
                failed_attempts = case when failed_attempts + 1 >= @max then 0 else failed_attempts + 1 end,
                locked_until = case when failed_attempts + 1 >= @max then @until else locked_until end
            where user_name = @userName
            returning locked_until
            """,
            new { userName, max = lockout.MaxFailedAttempts, until = now + lockout.Duration }, cancellationToken: cancellationToken));
        return lockedUntil is { } until && until > now.UtcDateTime ? new DateTimeOffset(until, TimeSpan.Zero) : null;
    }

    public async Task RecordSuccessAsync(string userName, string? upgradedHash, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition(
            """
            update accounts set failed_attempts = 0, locked_until = null, last_login_at = @now,
                password_hash = coalesce(@upgradedHash, password_hash)
            where user_name = @userName
            """,
            new { userName, upgradedHash, now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    private sealed class Row
    {
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Unit { get; init; } = "";
        public string[] Roles { get; init; } = [];
        public string PasswordHash { get; init; } = "";
        public int FailedAttempts { get; init; }
        public DateTime? LockedUntil { get; init; }
        public bool Disabled { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? LastLoginAt { get; init; }

        public Account ToAccount() => new(
            UserName, DisplayName, Unit, Roles, PasswordHash, FailedAttempts, Utc(LockedUntil), Disabled, Utc(CreatedAt)!.Value, Utc(LastLoginAt));

        private static DateTimeOffset? Utc(DateTime? value) =>
            value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
    }
}
