using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Accounts.Authentication;
using Onestop.Accounts.Domain;
using Onestop.Accounts.Features;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;
using Onestop.Messaging.Http;
using Onestop.Postgres.Migrations;

namespace Onestop.Accounts;

/// <summary>Officials' accounts: local logins with lockout, the host's bearer tokens, OpenID Connect (docs/authentication.md).</summary>
public static class AccountsModule
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Auth").Get<AccountsOptions>() ?? new AccountsOptions();
        services.AddOptions<AccountsOptions>().BindConfiguration("Auth")
            .Validate(o => o.Lockout.MaxFailedAttempts >= 1 && o.Lockout.Duration > TimeSpan.Zero, "Auth:Lockout needs MaxFailedAttempts >= 1 and a positive Duration.")
            .Validate(o => o.PasswordIterations >= 100_000, "Auth:PasswordIterations must be at least 100000.")
            .Validate(o => o.Local.TokenLifetime > TimeSpan.Zero, "Auth:Local:TokenLifetime must be positive.")
            .ValidateOnStart();
        services.AddSingleton(new MigrationSource("accounts", typeof(AccountsModule).Assembly));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AccountStore>();
        services.AddSingleton<LocalSigningKey>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<LocalLogin>();
        services.AddSingleton<SampleAccounts>();
        services.AddScoped<AccountAdministration>();
        services.AddBearerAuthentication(settings);
        return services;
    }

    /// <summary>After migrations: loads the token signing key and creates the first accounts of an empty install.</summary>
    public static async Task StartAccountsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<LocalSigningKey>().LoadAsync(cancellationToken);
        await services.GetRequiredService<SampleAccounts>().CreateIfEmptyAsync(cancellationToken);
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").WithTags("Authentication");
        auth.MapPost("/login", (LoginRequest body, LocalLogin login, CancellationToken ct) => login.LoginAsync(body, ct))
            .WithName("Login").AllowAnonymous();
        auth.MapGet("/me", (RequestContext context) => Me(context)).WithName("GetCurrentUser").Roles([.. Roles.All]);
        auth.MapPost("/password", async (ChangeOwnPasswordRequest body, AccountAdministration admin, CancellationToken ct) =>
        {
            await admin.ChangeOwnPasswordAsync(body, ct);
            return Results.NoContent();
        }).WithName("ChangeOwnPassword").Produces(StatusCodes.Status204NoContent).Roles([.. Roles.All]);

        var accounts = endpoints.MapGroup("/api/accounts").WithTags("Accounts").Roles(Roles.Administrator);
        accounts.MapGet("/", async (string? unit, AccountStore store, CancellationToken ct) =>
            (await store.ListAsync(unit, ct)).Select(AccountView.Of).ToList()).WithName("ListAccounts");
        accounts.MapPost("/", async (CreateAccountRequest body, AccountAdministration admin, CancellationToken ct) =>
        {
            var created = await admin.CreateAsync(body, ct);
            return Results.Created($"/api/accounts/{created.UserName}", created);
        }).WithName("CreateAccount").Produces<AccountView>(StatusCodes.Status201Created);
        accounts.MapPatch("/{userName}", (string userName, UpdateAccountRequest body, AccountAdministration admin, CancellationToken ct) =>
            admin.UpdateAsync(userName, body, ct)).WithName("UpdateAccount");
        accounts.MapPost("/{userName}/password", async (string userName, SetPasswordRequest body, AccountAdministration admin, CancellationToken ct) =>
        {
            await admin.SetPasswordAsync(userName, body, ct);
            return Results.NoContent();
        }).WithName("SetAccountPassword").Produces(StatusCodes.Status204NoContent);
        accounts.MapPost("/{userName}/unlock", async (string userName, AccountAdministration admin, CancellationToken ct) =>
        {
            await admin.UnlockAsync(userName, ct);
            return Results.NoContent();
        }).WithName("UnlockAccount").Produces(StatusCodes.Status204NoContent);
        return endpoints;
    }

    private static CurrentUser Me(RequestContext context)
    {
        var userName = context.Actor is { } actor && actor.IndexOf(':') is var colon and >= 0 ? actor[(colon + 1)..] : context.Actor ?? "";
        var displayName = context.DisplayName ?? userName;
        return new CurrentUser(userName, displayName, context.Unit, context.Roles.Order(StringComparer.Ordinal).ToList());
    }
}
