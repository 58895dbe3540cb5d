using FluentValidation;
using MediatR;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Intake;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Dossiers.Features.Processing;

/// <summary>A dossier every transition names, and the stream version the caller last saw (REST If-Match).</summary>
public interface IDossierCommand
{
    Guid DossierId { get; }

    long? ExpectedVersion { get; }
}

/// <summary>Accept an online dossier: it is received now and its clock starts.</summary>
[AllowedRoles(Roles.DeskOfficer)]
public sealed record AcceptOnlineDossier(Guid DossierId, long? ExpectedVersion = null) : ICommand<DossierChanged>, IDossierCommand;

/// <summary>Refuse an online dossier (phiếu từ chối tiếp nhận), with the reason.</summary>
[AllowedRoles(Roles.DeskOfficer)]
public sealed record RefuseDossier(Guid DossierId, string Reason, long? ExpectedVersion = null) : ICommand<DossierChanged>, IDossierCommand;

/// <summary>Ask the applicant to supplement the dossier (phiếu yêu cầu bổ sung, hoàn thiện hồ sơ): the clock pauses.</summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist)]
public sealed record RequestSupplement(Guid DossierId, IReadOnlyList<string> Missing, string? Note = null, long? ExpectedVersion = null)
    : ICommand<DossierChanged>, IDossierCommand;

/// <summary>The supplement arrived: the clock runs again and the due dates move by the paused working days.</summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist)]
public sealed record ReceiveSupplement(Guid DossierId, IReadOnlyList<ComponentReceipt>? Components = null, string? Note = null, long? ExpectedVersion = null)
    : ICommand<DossierChanged>, IDossierCommand;

internal sealed class RefuseDossierValidator : AbstractValidator<RefuseDossier>
{
    public RefuseDossierValidator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Phải ghi lý do từ chối tiếp nhận.");
}

internal sealed class RequestSupplementValidator : AbstractValidator<RequestSupplement>
{
    public RequestSupplementValidator()
    {
        RuleFor(c => c.Missing).NotEmpty().WithMessage("Phải ghi rõ nội dung cần bổ sung, hoàn thiện.");
        RuleForEach(c => c.Missing).NotEmpty().WithMessage("Nội dung cần bổ sung không được để trống.");
    }
}

internal sealed class ReceptionHandler(DossierWorkflow workflow) :
    IRequestHandler<AcceptOnlineDossier, DossierChanged>,
    IRequestHandler<RefuseDossier, DossierChanged>,
    IRequestHandler<RequestSupplement, DossierChanged>,
    IRequestHandler<ReceiveSupplement, DossierChanged>
{
    public Task<DossierChanged> Handle(AcceptOnlineDossier command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.Handling, DossierDecisions.Accept, cancellationToken);

    public Task<DossierChanged> Handle(RefuseDossier command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.Handling,
            (d, c) => DossierDecisions.Refuse(d, command.Reason, c), cancellationToken);

    public Task<DossierChanged> Handle(RequestSupplement command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.Handling,
            (d, c) => DossierDecisions.RequestSupplement(d, command.Missing, command.Note, c), cancellationToken);

    public Task<DossierChanged> Handle(ReceiveSupplement command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.HandlingOrDesk,
            (d, c) => DossierDecisions.ReceiveSupplement(d, Components(d, command.Components ?? []), command.Note, c), cancellationToken);

    /// <summary>Supplemented components must belong to the checklist of the version the dossier is pinned to.</summary>
    private static IReadOnlyList<ReceivedComponent> Components(Dossier dossier, IReadOnlyList<ComponentReceipt> receipts)
    {
        var checklist = dossier.Procedure.Checklist.ToDictionary(c => c.Code);
        var errors = receipts.Select((receipt, i) => (receipt, i)).Where(x => !checklist.ContainsKey(x.receipt.Code))
            .Select(x => new FieldError($"components[{x.i}].code", $"Thủ tục {dossier.Procedure.Code} không có thành phần hồ sơ mã {x.receipt.Code}."))
            .ToList();
        return errors.Count > 0
            ? throw AppException.Validation(errors)
            : receipts.Select(r => new ReceivedComponent(r.Code, checklist[r.Code].Name, r.Originals, r.Copies)).ToList();
    }
}
