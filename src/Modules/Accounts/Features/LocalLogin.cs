using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onestop.Accounts.Authentication;
using Onestop.Accounts.Domain;
using Onestop.Errors;

namespace Onestop.Accounts.Features;

public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>The official as the admin UI shows them, whichever way they logged in.</summary>
public sealed record CurrentUser(string UserName, string DisplayName, string? Unit, IReadOnlyList<string> Roles);

public sealed record LoginResult(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, CurrentUser User);

/// <summary>
/// A local login: the password is checked against its PBKDF2 hash, wrong ones are counted and lock the account for a
/// while after <c>Auth:Lockout:MaxFailedAttempts</c> in a row. An unknown name and a wrong password get the same answer
/// in about the same time.
/// </summary>
public sealed class LocalLogin(AccountStore accounts, TokenIssuer tokens, IOptions<AccountsOptions> options, TimeProvider clock, ILogger<LocalLogin> logger)
{
    private static readonly AppException WrongCredentials =
        new(ErrorKind.Unauthenticated, "auth.invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.");

    public async Task<LoginResult> LoginAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        var userName = request.UserName?.Trim() ?? "";
        var password = request.Password ?? "";
        var errors = new List<FieldError>();
        if (userName.Length == 0)
        {
            errors.Add(new FieldError("userName", "Nhập tên đăng nhập."));
        }

        if (password.Length == 0)
        {
            errors.Add(new FieldError("password", "Nhập mật khẩu."));
        }

        if (errors.Count > 0)
        {
            throw AppException.Validation(errors);
        }

        var settings = options.Value;
        var account = await accounts.FindAsync(userName, cancellationToken);
        var now = clock.GetUtcNow();
        if (account is null)
        {
            PasswordHashing.SpendVerificationTime(settings.PasswordIterations);
            logger.LogWarning("Login refused: no account named {UserName}", Sanitised(userName));
            throw WrongCredentials;
        }

        if (account.IsLockedAt(now))
        {
            throw Locked(account.LockedUntil!.Value);
        }

        if (!PasswordHashing.Verify(password, account.PasswordHash, out var needsRehash, settings.PasswordIterations))
        {
            var lockedUntil = await accounts.RecordFailureAsync(account.UserName, settings.Lockout, CancellationToken.None);
            if (lockedUntil is { } until)
            {
                logger.LogWarning("Account {UserName} locked until {LockedUntil} after repeated wrong passwords", account.UserName, until);
                throw Locked(until);
            }

            logger.LogWarning("Login refused: wrong password for {UserName}", account.UserName);
            throw WrongCredentials;
        }

        if (account.Disabled)
        {
            throw AppException.Forbidden("auth.account_disabled", "Tài khoản này đã bị vô hiệu hóa; liên hệ quản trị hệ thống.");
        }

        await accounts.RecordSuccessAsync(account.UserName,
            needsRehash ? PasswordHashing.Hash(password, settings.PasswordIterations) : null, CancellationToken.None);
        var (token, expiresAt) = tokens.Issue(account);
        logger.LogInformation("Login of {UserName} ({Unit})", account.UserName, account.Unit);
        return new LoginResult(token, "Bearer", expiresAt, new CurrentUser(account.UserName, account.DisplayName, account.Unit, account.Roles));
    }

    private static AppException Locked(DateTimeOffset until)
    {
        var local = until.ToOffset(TimeSpan.FromHours(7));
        return new AppException(ErrorKind.Locked, "auth.locked_out",
            $"Tài khoản tạm bị khóa do nhập sai mật khẩu nhiều lần; thử lại sau {local.ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture)}.");
    }

    private static string Sanitised(string userName) =>
        userName.Length <= 64 && userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? userName : "(unprintable)";
}
