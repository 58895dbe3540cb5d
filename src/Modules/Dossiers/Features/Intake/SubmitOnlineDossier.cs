using FluentValidation;
using MediatR;
using Onestop.Catalogue.Domain;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Projections;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Dossiers.Features.Intake;

/// <summary>
/// A public-service portal submits a dossier to a unit. It stays "submitted online" until an officer accepts or
/// refuses it. Idempotent on the portal's reference: a retry returns the first outcome and appends nothing.
/// </summary>
[AllowedRoles(Roles.DeskOfficer)]
public sealed record SubmitOnlineDossier(
    string PortalReference, string UnitCode, string ProcedureCode, Applicant Applicant, IReadOnlyList<ComponentReceipt> Components)
    : ICommand<DossierIntake>, IIdempotentCommand
{
    string? IIdempotentCommand.IdempotencyKey => PortalReference;
}

internal sealed class SubmitOnlineDossierValidator : AbstractValidator<SubmitOnlineDossier>
{
    public SubmitOnlineDossierValidator()
    {
        RuleFor(c => c.PortalReference).NotEmpty().WithMessage("Thiếu mã tham chiếu hồ sơ của cổng dịch vụ công.")
            .MaximumLength(64).Matches("^[0-9A-Za-z._-]+$").WithMessage("Mã tham chiếu chỉ gồm chữ, số, dấu chấm, gạch, tối đa 64 ký tự.");
        RuleFor(c => c.UnitCode).NotEmpty().WithMessage("Phải ghi đơn vị tiếp nhận.");
        RuleFor(c => c.ProcedureCode).NotEmpty().WithMessage("Phải chọn thủ tục hành chính.");
        RuleFor(c => c.Applicant).NotNull().WithMessage("Phải ghi thông tin người nộp hồ sơ.").SetValidator(new ApplicantValidator());
        RuleFor(c => c.Components).NotNull().WithMessage("Phải liệt kê các thành phần hồ sơ đã nộp.");
        RuleForEach(c => c.Components).SetValidator(new ComponentReceiptValidator());
    }
}

internal sealed class SubmitOnlineDossierHandler(
    EventStoreSession session, RequestContext context, DossierWorkflow workflow, IntakeChecks checks, DossierCodeAllocator codes)
    : IRequestHandler<SubmitOnlineDossier, DossierIntake>
{
    public async Task<DossierIntake> Handle(SubmitOnlineDossier command, CancellationToken cancellationToken)
    {
        if (!context.IsSystem && context.Unit != command.UnitCode)
        {
            throw AppException.Forbidden("dossier.other_unit", $"Cán bộ của đơn vị {context.Unit ?? "(chưa xác định)"} không được nộp hồ sơ vào đơn vị {command.UnitCode}.");
        }

        var today = workflow.Today;
        var procedure = await checks.ProcedureInForceAsync(command.ProcedureCode, today, cancellationToken);
        var components = await checks.CheckAsync(procedure, Channel.Online, command.UnitCode, command.Applicant, command.Components, cancellationToken);

        var decision = await workflow.DecisionContextAsync(cancellationToken);
        var id = Guid.CreateVersion7();
        var secret = LookupSecrets.New();
        var code = await codes.NextAsync(command.UnitCode, today, cancellationToken);
        var submitted = new DossierSubmittedOnline(id, code, command.UnitCode, command.PortalReference, IntakeChecks.Pin(procedure),
            command.Applicant, components, LookupSecrets.Hash(id, secret), decision.Now, decision.By);
        var result = await session.AppendAsync(DossierStreams.Id(id), DossierStreams.Type, ExpectedVersion.NoStream, [submitted],
            context.ToEventMetadata(), cancellationToken);
        return new DossierIntake(id, code, result.NewVersion, DossierStatus.SubmittedOnline, DossierTexts.Status(DossierStatus.SubmittedOnline),
            null, [], secret);
    }
}
