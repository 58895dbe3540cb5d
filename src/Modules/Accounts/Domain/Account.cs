namespace Onestop.Accounts.Domain;

/// <summary>A local account of an official, as stored.</summary>
public sealed record Account(
    string UserName,
    string DisplayName,
    string Unit,
    string[] Roles,
    string PasswordHash,
    int FailedAttempts,
    DateTimeOffset? LockedUntil,
    bool Disabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt)
{
    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>What the admin UI shows of an account: never its password hash.</summary>
public sealed record AccountView(
    string UserName, string DisplayName, string Unit, IReadOnlyList<string> Roles, bool Disabled, DateTimeOffset? LockedUntil,
    DateTimeOffset? LastLoginAt)
{
    public static AccountView Of(Account account) => new(
        account.UserName, account.DisplayName, account.Unit, account.Roles, account.Disabled, account.LockedUntil, account.LastLoginAt);
}
