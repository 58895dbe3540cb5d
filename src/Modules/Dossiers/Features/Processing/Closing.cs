using FluentValidation;
using MediatR;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Intake;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Dossiers.Features.Processing;

/// <summary>The applicant withdraws the dossier (rút hồ sơ), at the desk.</summary>
[AllowedRoles(Roles.DeskOfficer)]
public sealed record WithdrawDossier(Guid DossierId, string Reason, long? ExpectedVersion = null) : ICommand<DossierChanged>, IDossierCommand;

/// <summary>Stop processing (dừng xử lý), e.g. the supplement never came or the law no longer allows it.</summary>
[AllowedRoles(Roles.Specialist, Roles.Leader)]
public sealed record StopProcessing(Guid DossierId, string Reason, long? ExpectedVersion = null) : ICommand<DossierChanged>, IDossierCommand;

/// <summary>Apologise for the delay and set a new appointment (phiếu xin lỗi và hẹn lại ngày trả kết quả).</summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader)]
public sealed record ApologiseForDelay(Guid DossierId, string Reason, DateTimeOffset NewAppointmentAt, long? ExpectedVersion = null)
    : ICommand<DossierChanged>, IDossierCommand;

/// <summary>
/// The citizen rates the service once the result is returned: 1 not satisfied, 2 satisfied, 3 very satisfied. A
/// citizen proves the dossier is theirs with the lookup secret of the receipt; a desk officer may record it for them.
/// </summary>
public sealed record RateDossier(Guid DossierId, int Score, string? Comment = null, string? LookupSecret = null, long? ExpectedVersion = null)
    : ICommand<DossierChanged>, IDossierCommand;

/// <summary>A new lookup secret, e.g. when the receipt is lost; the old one stops working.</summary>
[AllowedRoles(Roles.DeskOfficer)]
public sealed record ReissueLookupSecret(Guid DossierId, long? ExpectedVersion = null) : ICommand<LookupSecretIssued>, IDossierCommand;

public sealed record LookupSecretIssued(Guid Id, string Code, long Version, string LookupSecret);

internal sealed class WithdrawDossierValidator : AbstractValidator<WithdrawDossier>
{
    public WithdrawDossierValidator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Phải ghi lý do rút hồ sơ theo đề nghị của người nộp.");
}

internal sealed class StopProcessingValidator : AbstractValidator<StopProcessing>
{
    public StopProcessingValidator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Phải ghi lý do dừng xử lý.");
}

internal sealed class ApologiseForDelayValidator : AbstractValidator<ApologiseForDelay>
{
    public ApologiseForDelayValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Phải ghi lý do chậm trả kết quả.");
        RuleFor(c => c.NewAppointmentAt).NotEqual(default(DateTimeOffset)).WithMessage("Phải ghi ngày hẹn trả kết quả mới.");
    }
}

internal sealed class RateDossierValidator : AbstractValidator<RateDossier>
{
    public RateDossierValidator()
    {
        RuleFor(c => c.Score).InclusiveBetween(1, 3).WithMessage("Mức đánh giá: 1 (không hài lòng), 2 (hài lòng) hoặc 3 (rất hài lòng).");
        RuleFor(c => c.Comment).MaximumLength(2000).WithMessage("Ý kiến tối đa 2000 ký tự.");
    }
}

internal sealed class ClosingHandler(DossierWorkflow workflow, RequestContext context) :
    IRequestHandler<WithdrawDossier, DossierChanged>,
    IRequestHandler<StopProcessing, DossierChanged>,
    IRequestHandler<ApologiseForDelay, DossierChanged>,
    IRequestHandler<RateDossier, DossierChanged>,
    IRequestHandler<ReissueLookupSecret, LookupSecretIssued>
{
    public Task<DossierChanged> Handle(WithdrawDossier command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.HandlingOrDesk,
            (d, c) => DossierDecisions.Withdraw(d, command.Reason, c), cancellationToken);

    public Task<DossierChanged> Handle(StopProcessing command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.Handling,
            (d, c) => DossierDecisions.Stop(d, command.Reason, c), cancellationToken);

    public Task<DossierChanged> Handle(ApologiseForDelay command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.HandlingOrDesk,
            (d, c) => DossierDecisions.Apologise(d, command.Reason, command.NewAppointmentAt, c), cancellationToken);

    public Task<DossierChanged> Handle(RateDossier command, CancellationToken cancellationToken) =>
        workflow.ActAsync(command.DossierId, command.ExpectedVersion, context.Actor is null ? UnitScope.Citizen : UnitScope.HandlingOrDesk,
            (d, c) => context.Actor is not null || LookupSecrets.Matches(d.Id, command.LookupSecret, d.LookupSecretHash)
                ? DossierDecisions.Rate(d, command.Score, command.Comment, c)
                : throw AppException.Forbidden("dossier.wrong_secret", "Mã tra cứu không đúng."),
            cancellationToken);

    public async Task<LookupSecretIssued> Handle(ReissueLookupSecret command, CancellationToken cancellationToken)
    {
        var secret = LookupSecrets.New();
        var changed = await workflow.ActAsync(command.DossierId, command.ExpectedVersion, UnitScope.HandlingOrDesk,
            (d, c) => DossierDecisions.ReissueLookupSecret(d, LookupSecrets.Hash(d.Id, secret), c), cancellationToken);
        return new LookupSecretIssued(changed.Id, changed.Code, changed.Version, secret);
    }
}
