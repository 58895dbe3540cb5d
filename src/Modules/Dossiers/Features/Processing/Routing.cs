using FluentValidation;
using MediatR;
using Onestop.Catalogue.Features.FieldsAndUnits;
using Onestop.Dossiers.Domain;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Dossiers.Features.Processing;

/// <summary>
/// Hand the dossier to a step, a unit and an official. Another unit than the one handling it is a transfer between
/// agencies (liên thông). <c>WorkingDays</c> is the step's own time (0 = the same day); without it the step is due
/// when the dossier is.
/// </summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader)]
public sealed record AssignDossier(
    Guid DossierId, string StepName, string? Unit = null, string? Assignee = null, int? WorkingDays = null, string? Note = null, long? ExpectedVersion = null)
    : ICommand<DossierChanged>, IDossierCommand;

/// <summary>The specialist proposes to approve or reject, with a summary of the examination.</summary>
[AllowedRoles(Roles.Specialist)]
public sealed record ProposeDecision(Guid DossierId, DecisionOutcome Outcome, string Summary, long? ExpectedVersion = null)
    : ICommand<DossierChanged>, IDossierCommand;

/// <summary>The leader approves or rejects, with reasons (and the number of the signed document, if any).</summary>
[AllowedRoles(Roles.Leader)]
public sealed record DecideDossier(Guid DossierId, DecisionOutcome Outcome, string Reasons, string? DocumentNumber = null, long? ExpectedVersion = null)
    : ICommand<DossierChanged>, IDossierCommand;

/// <summary>The result is ready: the dossier goes back to the desk that received it, to be returned.</summary>
[AllowedRoles(Roles.Specialist, Roles.Leader)]
public sealed record MarkResultReady(Guid DossierId, string? Note = null, long? ExpectedVersion = null) : ICommand<DossierChanged>, IDossierCommand;

[AllowedRoles(Roles.DeskOfficer)]
public sealed record ReturnResult(Guid DossierId, ReturnMethod Method, string? Recipient = null, string? TrackingNumber = null, long? ExpectedVersion = null)
    : ICommand<DossierChanged>, IDossierCommand;

internal sealed class AssignDossierValidator : AbstractValidator<AssignDossier>
{
    public AssignDossierValidator()
    {
        RuleFor(c => c.StepName).NotEmpty().WithMessage("Phải ghi tên bước xử lý.").MaximumLength(200);
        RuleFor(c => c.WorkingDays).InclusiveBetween(0, 365).When(c => c.WorkingDays is not null)
            .WithMessage("Thời hạn của bước phải từ 0 (trong ngày) đến 365 ngày làm việc.");
    }
}

internal sealed class ProposeDecisionValidator : AbstractValidator<ProposeDecision>
{
    public ProposeDecisionValidator()
    {
        RuleFor(c => c.Outcome).IsInEnum().WithMessage("Đề xuất phải là phê duyệt hoặc từ chối.");
        RuleFor(c => c.Summary).NotEmpty().WithMessage("Phải ghi nội dung đề xuất, kết quả thẩm định.");
    }
}

internal sealed class DecideDossierValidator : AbstractValidator<DecideDossier>
{
    public DecideDossierValidator()
    {
        RuleFor(c => c.Outcome).IsInEnum().WithMessage("Quyết định phải là phê duyệt hoặc từ chối.");
        RuleFor(c => c.Reasons).NotEmpty().WithMessage("Phải ghi lý do, căn cứ của quyết định.");
    }
}

internal sealed class ReturnResultValidator : AbstractValidator<ReturnResult>
{
    public ReturnResultValidator()
    {
        RuleFor(c => c.Method).IsInEnum().WithMessage("Hình thức trả kết quả không hợp lệ.");
        RuleFor(c => c.TrackingNumber).NotEmpty().When(c => c.Method == ReturnMethod.Post)
            .WithMessage("Trả kết quả qua bưu chính phải ghi số hiệu bưu gửi.");
    }
}

internal sealed class RoutingHandler(DossierWorkflow workflow, IMediator mediator) :
    IRequestHandler<AssignDossier, DossierChanged>,
    IRequestHandler<ProposeDecision, DossierChanged>,
    IRequestHandler<DecideDossier, DossierChanged>,
    IRequestHandler<MarkResultReady, DossierChanged>,
    IRequestHandler<ReturnResult, DossierChanged>
{
    public async Task<DossierChanged> Handle(AssignDossier command, CancellationToken cancellationToken)
    {
        if (command.Unit is { } unit && !(await mediator.Send(new ListUnits(), cancellationToken)).Any(u => u.Code == unit))
        {
            throw AppException.Validation("unit", $"Không có đơn vị mã {unit} trong danh mục đơn vị.");
        }

        return await workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.Handling,
            (d, c) => DossierDecisions.Assign(d, command.StepName, command.Unit ?? d.HandlingUnit, command.Assignee, command.WorkingDays, command.Note, c),
            cancellationToken);
    }

    public Task<DossierChanged> Handle(ProposeDecision command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.Handling,
            (d, c) => DossierDecisions.Propose(d, command.Outcome, command.Summary, c), cancellationToken);

    public Task<DossierChanged> Handle(DecideDossier command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.Handling,
            (d, c) => DossierDecisions.Decide(d, command.Outcome, command.Reasons, command.DocumentNumber, c), cancellationToken);

    public Task<DossierChanged> Handle(MarkResultReady command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.Handling,
            (d, c) => DossierDecisions.MarkResultReady(d, command.Note, c), cancellationToken);

    public Task<DossierChanged> Handle(ReturnResult command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.Handling,
            (d, c) => DossierDecisions.ReturnResult(d, command.Method, command.Recipient, command.TrackingNumber, c), cancellationToken);
}
