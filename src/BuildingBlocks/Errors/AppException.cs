namespace Onestop.Errors;

/// <summary>What kind of failure a caller sees; each maps to one HTTP status and one gRPC status.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    /// <summary>The request is valid but the current state forbids it (an illegal transition, a duplicate).</summary>
    Conflict,
    /// <summary>Someone else changed the resource first (a lost optimistic-concurrency race).</summary>
    Concurrency,
    Unauthenticated,
    Forbidden,
    TooManyRequests,
    /// <summary>The account is locked after repeated wrong passwords, until the time the message gives.</summary>
    Locked,
}

/// <summary>One invalid input: the field's path (e.g. "applicant.identityNumber", "components[2].code") and why.</summary>
public sealed record FieldError(string Field, string Message, string? Code = null);

/// <summary>The platform's one error model. Handlers throw it; REST and gRPC translate it.</summary>
public sealed class AppException : Exception
{
    public AppException(ErrorKind kind, string code, string message, IReadOnlyList<FieldError>? fieldErrors = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Code = code;
        FieldErrors = fieldErrors ?? [];
    }

    public ErrorKind Kind { get; }

    /// <summary>A stable, machine-readable reason such as "dossier.illegal_transition".</summary>
    public string Code { get; }

    public IReadOnlyList<FieldError> FieldErrors { get; }

    public static AppException Validation(IReadOnlyList<FieldError> errors) =>
        new(ErrorKind.Validation, "validation", "Dữ liệu gửi lên không hợp lệ.", errors);

    public static AppException Validation(string field, string message, string? code = null) =>
        Validation([new FieldError(field, message, code)]);

    public static AppException NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);

    public static AppException Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);

    public static AppException Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);
}
