namespace Onestop.Accounts;

/// <summary>Settings under <c>Auth</c> (docs/authentication.md).</summary>
public sealed class AccountsOptions
{
    public LocalTokenOptions Local { get; set; } = new();

    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>Development only: the sample officials of the sample catalogue's units, all with one password.</summary>
    public SampleAccountsOptions SampleAccounts { get; set; } = new();

    /// <summary>
    /// A fresh install has no account: with this set (e.g. <c>Auth__InitialAdministrator__Password</c>) the first start
    /// creates the administrator <c>admin</c> with it. Change it after the first login.
    /// </summary>
    public InitialAdministratorOptions InitialAdministrator { get; set; } = new();

    public OidcOptions Oidc { get; set; } = new();

    /// <summary>PBKDF2 iterations for new password hashes.</summary>
    public int PasswordIterations { get; set; } = Domain.PasswordHashing.DefaultIterations;

    public int MinPasswordLength { get; set; } = 10;
}

public sealed class LocalTokenOptions
{
    public const string DefaultIssuer = "onestop";

    public string Issuer { get; set; } = DefaultIssuer;

    public string Audience { get; set; } = "onestop-admin";

    /// <summary>How long an access token from a local login lasts: one working day by default.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(9);
}

public sealed class LockoutOptions
{
    /// <summary>Consecutive wrong passwords that lock the account.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class SampleAccountsOptions
{
    public bool Enabled { get; set; }

    public string Password { get; set; } = "Motcua@2026";
}

public sealed class InitialAdministratorOptions
{
    public string? Password { get; set; }

    public string Unit { get; set; } = "";
}

/// <summary>An OpenID Connect provider whose JWT access tokens the REST API accepts (production single sign-on).</summary>
public sealed class OidcOptions
{
    /// <summary>The issuer's address; its discovery document and signing keys are read from there. Empty: OIDC is off.</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim holding the official's login name.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>The claim (one or many values) holding the platform roles, e.g. desk_officer.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim holding the electronic identifier code of the official's unit.</summary>
    public string UnitClaim { get; set; } = "unit";
}
