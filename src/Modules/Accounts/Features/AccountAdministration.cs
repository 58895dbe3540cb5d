using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onestop.Accounts.Domain;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Accounts.Features;

public sealed record CreateAccountRequest(string? UserName, string? DisplayName, string? Unit, IReadOnlyList<string>? Roles, string? Password);

public sealed record UpdateAccountRequest(string? DisplayName, string? Unit, IReadOnlyList<string>? Roles, bool? Disabled);

public sealed record SetPasswordRequest(string? Password);

public sealed record ChangeOwnPasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>What an administrator does with local accounts, and an official with their own password.</summary>
public sealed class AccountAdministration(AccountStore accounts, IOptions<AccountsOptions> options, RequestContext context,
    ILogger<AccountAdministration> logger)
{
    public async Task<AccountView> CreateAsync(CreateAccountRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var userName = request.UserName?.Trim() ?? "";
        if (!RequestContext.IsAcceptable(userName))
        {
            errors.Add(new FieldError("userName", "Tên đăng nhập gồm chữ cái không dấu, chữ số và các dấu . - _, tối đa 64 ký tự."));
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName))
        {
            errors.Add(new FieldError("displayName", "Nhập họ và tên."));
        }

        ValidateUnit(request.Unit, errors, required: true);
        ValidateRoles(request.Roles, errors, required: true);
        ValidatePassword(request.Password, "password", errors);
        if (errors.Count > 0)
        {
            throw AppException.Validation(errors);
        }

        var hash = PasswordHashing.Hash(request.Password!, options.Value.PasswordIterations);
        if (!await accounts.CreateAsync(userName, request.DisplayName!.Trim(), request.Unit!.Trim(), request.Roles!.Distinct().ToList(), hash, cancellationToken))
        {
            throw AppException.Conflict("account.exists", $"Tên đăng nhập {userName} đã có người dùng.");
        }

        logger.LogInformation("Account {UserName} created by {Actor} with roles {Roles}", userName, context.Actor, request.Roles);
        return AccountView.Of((await accounts.FindAsync(userName, cancellationToken))!);
    }

    public async Task<AccountView> UpdateAsync(string userName, UpdateAccountRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (request.DisplayName is { } name && string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new FieldError("displayName", "Họ và tên không được để trống."));
        }

        ValidateUnit(request.Unit, errors, required: false);
        ValidateRoles(request.Roles, errors, required: false);
        if (errors.Count > 0)
        {
            throw AppException.Validation(errors);
        }

        if (!await accounts.UpdateAsync(userName, request.DisplayName?.Trim(), request.Unit?.Trim(), request.Roles?.Distinct().ToList(), request.Disabled,
                cancellationToken))
        {
            throw NotFound(userName);
        }

        logger.LogInformation("Account {UserName} changed by {Actor}: roles {Roles}, unit {Unit}, disabled {Disabled}",
            userName, context.Actor, request.Roles, request.Unit, request.Disabled);
        return AccountView.Of((await accounts.FindAsync(userName, cancellationToken))!);
    }

    public async Task SetPasswordAsync(string userName, SetPasswordRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        ValidatePassword(request.Password, "password", errors);
        if (errors.Count > 0)
        {
            throw AppException.Validation(errors);
        }

        if (!await accounts.SetPasswordAsync(userName, PasswordHashing.Hash(request.Password!, options.Value.PasswordIterations), cancellationToken))
        {
            throw NotFound(userName);
        }

        logger.LogInformation("Password of {UserName} reset by {Actor}", userName, context.Actor);
    }

    public async Task UnlockAsync(string userName, CancellationToken cancellationToken)
    {
        if (!await accounts.UnlockAsync(userName, cancellationToken))
        {
            throw NotFound(userName);
        }

        logger.LogInformation("Account {UserName} unlocked by {Actor}", userName, context.Actor);
    }

    public async Task ChangeOwnPasswordAsync(ChangeOwnPasswordRequest request, CancellationToken cancellationToken)
    {
        var userName = context.Actor is { } actor && actor.StartsWith("user:", StringComparison.Ordinal) ? actor[5..] : null;
        var account = userName is null ? null : await accounts.FindAsync(userName, cancellationToken);
        if (account is null)
        {
            throw AppException.Conflict("account.not_local", "Tài khoản này không phải tài khoản nội bộ; đổi mật khẩu tại hệ thống đăng nhập tập trung.");
        }

        var errors = new List<FieldError>();
        if (!PasswordHashing.Verify(request.CurrentPassword ?? "", account.PasswordHash, out _, options.Value.PasswordIterations))
        {
            errors.Add(new FieldError("currentPassword", "Mật khẩu hiện tại không đúng."));
        }

        ValidatePassword(request.NewPassword, "newPassword", errors);
        if (errors.Count > 0)
        {
            throw AppException.Validation(errors);
        }

        await accounts.SetPasswordAsync(account.UserName, PasswordHashing.Hash(request.NewPassword!, options.Value.PasswordIterations), cancellationToken);
        logger.LogInformation("Account {UserName} changed its password", account.UserName);
    }

    private void ValidatePassword(string? password, string field, List<FieldError> errors)
    {
        var minimum = options.Value.MinPasswordLength;
        if (password is null || password.Length < minimum)
        {
            errors.Add(new FieldError(field, $"Mật khẩu cần ít nhất {minimum} ký tự."));
        }
        else if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit))
        {
            errors.Add(new FieldError(field, "Mật khẩu cần có cả chữ và số."));
        }
    }

    private static void ValidateUnit(string? unit, List<FieldError> errors, bool required)
    {
        if (unit is null ? required : !RequestContext.IsAcceptable(unit.Trim()))
        {
            errors.Add(new FieldError("unit", "Nhập mã định danh điện tử của đơn vị, ví dụ 001.32.00.H51."));
        }
    }

    private static void ValidateRoles(IReadOnlyList<string>? roles, List<FieldError> errors, bool required)
    {
        if (roles is null)
        {
            if (required)
            {
                errors.Add(new FieldError("roles", "Chọn ít nhất một vai trò."));
            }

            return;
        }

        if (roles.Count == 0)
        {
            errors.Add(new FieldError("roles", "Chọn ít nhất một vai trò."));
        }

        for (var i = 0; i < roles.Count; i++)
        {
            if (!Roles.All.Contains(roles[i]))
            {
                errors.Add(new FieldError($"roles[{i}]", $"Vai trò '{roles[i]}' không có; các vai trò: {string.Join(", ", Roles.All)}."));
            }
        }
    }

    private static AppException NotFound(string userName) => AppException.NotFound("account.not_found", $"Không có tài khoản {userName}.");
}
