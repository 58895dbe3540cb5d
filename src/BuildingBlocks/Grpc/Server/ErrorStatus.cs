using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Onestop.Errors;

namespace Onestop.Grpc.Server;

/// <summary>How a call ends: a status, the adapter's trailers, and google.rpc.Status details when there are any.</summary>
internal readonly record struct CallOutcome(Status Status, Metadata? Trailers = null, byte[]? StatusDetails = null);

/// <summary>Maps the platform's error model to gRPC statuses with google.rpc details integrators can decode.</summary>
internal static class ErrorStatus
{
    public const string ErrorDomain = "onestop";

    public static StatusCode Code(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCode.InvalidArgument,
        ErrorKind.NotFound => StatusCode.NotFound,
        ErrorKind.Conflict => StatusCode.FailedPrecondition,
        ErrorKind.Concurrency => StatusCode.Aborted,
        ErrorKind.Unauthenticated => StatusCode.Unauthenticated,
        ErrorKind.Forbidden => StatusCode.PermissionDenied,
        ErrorKind.TooManyRequests => StatusCode.ResourceExhausted,
        ErrorKind.Locked => StatusCode.PermissionDenied,
        _ => StatusCode.Unknown,
    };

    /// <summary>
    /// The status and, in grpc-status-details-bin, a google.rpc.Status with an ErrorInfo (the error's stable code)
    /// and, for validation errors, a BadRequest listing each invalid field with its message as the platform wrote it.
    /// </summary>
    public static CallOutcome From(AppException error)
    {
        var code = Code(error.Kind);
        var details = new Google.Rpc.Status { Code = (int)code, Message = error.Message };
        details.Details.Add(Any.Pack(new ErrorInfo { Reason = error.Code, Domain = ErrorDomain }));
        if (error.FieldErrors.Count > 0)
        {
            var badRequest = new BadRequest();
            foreach (var field in error.FieldErrors)
            {
                badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
                {
                    Field = field.Field,
                    Description = field.Message,
                    Reason = field.Code ?? string.Empty,
                });
            }

            details.Details.Add(Any.Pack(badRequest));
        }

        return new CallOutcome(new Status(code, error.Message), StatusDetails: details.ToByteArray());
    }

    /// <summary>An unexpected failure: the caller learns only a correlation id that names the server's log entry.</summary>
    public static CallOutcome Unexpected(string correlationId)
    {
        var message = $"Unexpected server error. Correlation id: {correlationId}";
        var details = new Google.Rpc.Status { Code = (int)StatusCode.Unknown, Message = message };
        details.Details.Add(Any.Pack(new RequestInfo { RequestId = correlationId }));
        return new CallOutcome(new Status(StatusCode.Unknown, message), StatusDetails: details.ToByteArray());
    }
}
