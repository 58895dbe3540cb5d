using FluentValidation;
using MediatR;
using Onestop.Dossiers.Domain;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Dossiers.Features.Processing;

/// <summary>Ask the applicant to fulfil a financial obligation (nghĩa vụ tài chính): the clock pauses until it is paid.</summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist)]
public sealed record RequestFinancialObligation(Guid DossierId, string Description, decimal Amount, long? ExpectedVersion = null)
    : ICommand<DossierChanged>, IDossierCommand;

/// <summary>
/// Record a fee, charge or obligation paid; paying what is owed resumes the clock. With a receipt number it is
/// idempotent: the same receipt recorded again (a portal's retry) returns the first outcome and appends nothing.
/// </summary>
[AllowedRoles(Roles.DeskOfficer)]
public sealed record RecordPayment(
    Guid DossierId, string Description, decimal Amount, string Method, string? ReceiptNumber = null, long? ExpectedVersion = null)
    : ICommand<DossierChanged>, IDossierCommand, IIdempotentCommand
{
    string? IIdempotentCommand.IdempotencyKey => string.IsNullOrEmpty(ReceiptNumber) ? null : $"{DossierId:N}:{ReceiptNumber}";
}

internal sealed class RequestFinancialObligationValidator : AbstractValidator<RequestFinancialObligation>
{
    public RequestFinancialObligationValidator()
    {
        RuleFor(c => c.Description).NotEmpty().WithMessage("Phải ghi nội dung nghĩa vụ tài chính.");
        RuleFor(c => c.Amount).GreaterThan(0).WithMessage("Số tiền phải lớn hơn 0.");
    }
}

internal sealed class RecordPaymentValidator : AbstractValidator<RecordPayment>
{
    public RecordPaymentValidator()
    {
        RuleFor(c => c.Description).NotEmpty().WithMessage("Phải ghi khoản phí, lệ phí đã nộp.");
        RuleFor(c => c.Amount).GreaterThan(0).WithMessage("Số tiền phải lớn hơn 0.");
        RuleFor(c => c.Method).NotEmpty().WithMessage("Phải ghi hình thức nộp (tiền mặt, chuyển khoản, thanh toán trực tuyến).");
    }
}

internal sealed class FinanceHandler(DossierWorkflow workflow) :
    IRequestHandler<RequestFinancialObligation, DossierChanged>,
    IRequestHandler<RecordPayment, DossierChanged>
{
    public Task<DossierChanged> Handle(RequestFinancialObligation command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.Handling,
            (d, c) => DossierDecisions.RequestFinancialObligation(d, command.Description, command.Amount, c), cancellationToken);

    public Task<DossierChanged> Handle(RecordPayment command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.HandlingOrDesk,
            (d, c) => DossierDecisions.RecordPayment(d, command.Description, command.Amount, command.Method, command.ReceiptNumber, c), cancellationToken);
}
