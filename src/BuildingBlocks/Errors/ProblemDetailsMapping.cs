using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Onestop.Errors;

/// <summary>Maps the error model to RFC 9457 problem details. Titles are Vietnamese: officials read them in the admin UI.</summary>
public static class ProblemDetailsMapping
{
    public static int StatusCode(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Concurrency => StatusCodes.Status412PreconditionFailed,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Locked => StatusCodes.Status423Locked,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string Title(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => "Dữ liệu không hợp lệ",
        ErrorKind.NotFound => "Không tìm thấy",
        ErrorKind.Conflict => "Không thể thực hiện ở trạng thái hiện tại",
        ErrorKind.Concurrency => "Dữ liệu đã được người khác thay đổi",
        ErrorKind.Unauthenticated => "Chưa đăng nhập",
        ErrorKind.Forbidden => "Không có quyền",
        ErrorKind.TooManyRequests => "Quá nhiều yêu cầu",
        ErrorKind.Locked => "Tài khoản đang bị khóa",
        _ => "Lỗi hệ thống",
    };

    public static ProblemDetails ToProblemDetails(AppException error, string? correlationId)
    {
        var problem = new ProblemDetails
        {
            Type = $"urn:onestop:problem:{error.Code}",
            Title = Title(error.Kind),
            Status = StatusCode(error.Kind),
            Detail = error.Message,
        };
        problem.Extensions["code"] = error.Code;
        if (error.FieldErrors.Count > 0)
        {
            problem.Extensions["errors"] = error.FieldErrors
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        }

        if (correlationId is not null)
        {
            problem.Extensions["correlationId"] = correlationId;
        }

        return problem;
    }

    /// <summary>An unexpected failure: nothing internal leaks, the correlation id lets operators find the log entry.</summary>
    public static ProblemDetails Unexpected(string? correlationId)
    {
        var problem = new ProblemDetails
        {
            Type = "urn:onestop:problem:internal",
            Title = Title((ErrorKind)(-1)),
            Status = StatusCodes.Status500InternalServerError,
            Detail = "Đã xảy ra lỗi không mong muốn. Vui lòng thử lại hoặc liên hệ quản trị viên với mã tham chiếu.",
        };
        if (correlationId is not null)
        {
            problem.Extensions["correlationId"] = correlationId;
        }

        return problem;
    }
}
