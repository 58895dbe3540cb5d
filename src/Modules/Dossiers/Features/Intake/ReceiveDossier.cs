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
/// A desk officer receives a complete dossier at the desk (or one that arrived by post) for their own unit: the
/// checklist comes from the procedure's version in force today, the clock starts now.
/// </summary>
[AllowedRoles(Roles.DeskOfficer)]
public sealed record ReceiveDossier(
    string ProcedureCode, Applicant Applicant, IReadOnlyList<ComponentReceipt> Components, IntakeChannel Channel = IntakeChannel.Direct)
    : ICommand<DossierIntake>;

internal sealed class ReceiveDossierValidator : AbstractValidator<ReceiveDossier>
{
    public ReceiveDossierValidator()
    {
        RuleFor(c => c.ProcedureCode).NotEmpty().WithMessage("Phải chọn thủ tục hành chính.");
        RuleFor(c => c.Channel).Must(c => c is IntakeChannel.Direct or IntakeChannel.Post)
            .WithMessage("Tại Bộ phận Một cửa chỉ tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính; hồ sơ trực tuyến do cổng dịch vụ công gửi.");
        RuleFor(c => c.Applicant).NotNull().WithMessage("Phải ghi thông tin người nộp hồ sơ.").SetValidator(new ApplicantValidator());
        RuleFor(c => c.Components).NotNull().WithMessage("Phải đánh dấu các thành phần hồ sơ đã nhận.");
        RuleForEach(c => c.Components).SetValidator(new ComponentReceiptValidator());
    }
}

internal sealed class ComponentReceiptValidator : AbstractValidator<ComponentReceipt>
{
    public ComponentReceiptValidator()
    {
        RuleFor(c => c.Code).NotEmpty().WithMessage("Thiếu mã thành phần hồ sơ.");
        RuleFor(c => c.Originals).GreaterThanOrEqualTo(0).WithMessage("Số bản chính không được âm.");
        RuleFor(c => c.Copies).GreaterThanOrEqualTo(0).WithMessage("Số bản sao không được âm.");
    }
}

internal sealed class ReceiveDossierHandler(
    EventStoreSession session, RequestContext context, DossierWorkflow workflow, IntakeChecks checks, DossierCodeAllocator codes)
    : IRequestHandler<ReceiveDossier, DossierIntake>
{
    public async Task<DossierIntake> Handle(ReceiveDossier command, CancellationToken cancellationToken)
    {
        var unit = context.Unit ?? throw AppException.Forbidden("dossier.no_unit", "Tài khoản chưa được gắn với đơn vị nào nên không thể tiếp nhận hồ sơ.");
        var today = workflow.Today;
        var procedure = await checks.ProcedureInForceAsync(command.ProcedureCode, today, cancellationToken);
        var channel = command.Channel == IntakeChannel.Post ? Channel.Post : Channel.Direct;
        var components = await checks.CheckAsync(procedure, channel, unit, command.Applicant, command.Components, cancellationToken);

        var decision = await workflow.DecisionContextAsync(cancellationToken);
        var id = Guid.CreateVersion7();
        var secret = LookupSecrets.New();
        var code = await codes.NextAsync(unit, today, cancellationToken);
        var received = DossierDecisions.Receive(id, code, unit, command.Channel, IntakeChecks.Pin(procedure), command.Applicant, components,
            LookupSecrets.Hash(id, secret), decision);
        var result = await session.AppendAsync(DossierStreams.Id(id), DossierStreams.Type, ExpectedVersion.NoStream, [received],
            context.ToEventMetadata(), cancellationToken);
        return new DossierIntake(id, code, result.NewVersion, DossierStatus.Received, DossierTexts.Status(DossierStatus.Received), received.DueAt,
            received.DueExplanation, secret);
    }
}
