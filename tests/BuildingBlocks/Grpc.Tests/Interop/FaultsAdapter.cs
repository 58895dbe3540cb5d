using Google.Protobuf.WellKnownTypes;
using MediatR;
using Onestop.Errors;
using Onestop.Testing.V1;

namespace Onestop.Grpc.Tests.Interop;

/// <summary>onestop.testing.v1.Faults: a thin adapter over the mediator, as a module's would be.</summary>
public sealed class FaultsAdapter(IMediator mediator, CancellationRecorder cancellations)
{
    public Task<FailResponse> Fail(FailRequest request, ServerCallContext context) =>
        mediator.Send(new FailAs(request.Kind), context.CancellationToken);

    public async Task<FailResponse> Stall(FailRequest request, ServerCallContext context)
    {
        // Deliberately deaf to context.CancellationToken, like a handler stuck in a slow call.
        await Task.Delay(TimeSpan.FromSeconds(20), CancellationToken.None);
        return new FailResponse { AnsweredAt = Timestamp.FromDateTime(DateTime.UtcNow) };
    }

    public async Task<FailResponse> Hang(FailRequest request, ServerCallContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            cancellations.Record(request.Kind);
            throw;
        }

        return new FailResponse();
    }
}

public sealed record FailAs(string Kind) : IRequest<FailResponse>;

internal sealed class FailAsHandler : IRequestHandler<FailAs, FailResponse>
{
    public const string IdentityNumberMessage = "Số định danh cá nhân phải có 12 chữ số.";
    public const string CrashSecret = "connection string Host=db;Password=hunter2";

    public Task<FailResponse> Handle(FailAs command, CancellationToken cancellationToken) => command.Kind switch
    {
        "validation" => throw AppException.Validation(
            [new FieldError("applicant.identity_number", IdentityNumberMessage, "length"), new FieldError("procedure_code", "Bắt buộc.")]),
        "not_found" => throw AppException.NotFound("dossier.not_found", "Không tìm thấy hồ sơ."),
        "conflict" => throw AppException.Conflict("dossier.illegal_transition", "Hồ sơ đã được trả kết quả."),
        "concurrency" => throw new AppException(ErrorKind.Concurrency, "dossier.concurrency", "Hồ sơ đã bị thay đổi."),
        "unauthenticated" => throw new AppException(ErrorKind.Unauthenticated, "auth.required", "Chưa xác thực."),
        "forbidden" => throw AppException.Forbidden("dossier.forbidden", "Không có quyền."),
        "too_many_requests" => throw new AppException(ErrorKind.TooManyRequests, "rate.limited", "Quá nhiều yêu cầu."),
        "crash" => throw new InvalidOperationException(CrashSecret),
        _ => Task.FromResult(new FailResponse { AnsweredAt = Timestamp.FromDateTime(DateTime.UtcNow) }),
    };
}
