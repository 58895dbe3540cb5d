using FluentValidation;
using MediatR;
using Npgsql;
using Onestop.Catalogue.Features.FieldsAndUnits;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Intake;
using Onestop.Dossiers.Features.Queries;
using Onestop.Errors;
using Onestop.Messaging;

namespace Onestop.Dossiers.Features.Lookup;

/// <summary>One line of a dossier's history as the citizen reads it: when, and what happened, in plain Vietnamese.</summary>
public sealed record CitizenHistoryLine(DateTimeOffset At, string Description);

/// <summary>What a citizen sees of their dossier: its state, due date and why, its history, and what they must do next.</summary>
public sealed record DossierStatusForCitizen(
    string Code, string ProcedureName, string ApplicantName, DossierStatus Status, string StatusText, string ReceivingUnitName,
    string? ReceivingUnitAddress, DateTimeOffset SubmittedAt, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt,
    DateTimeOffset? AppointmentAt, IReadOnlyList<string> DueExplanation, string Timeliness, string NextStep,
    IReadOnlyList<CitizenHistoryLine> History);

/// <summary>
/// The citizen's status lookup by dossier code and the lookup secret printed on the receipt. Anonymous. An unknown
/// code and a wrong secret get the same answer, so codes cannot be probed; the endpoints rate-limit the attempts.
/// </summary>
public sealed record LookupDossierStatus(string Code, string Secret) : IQuery<DossierStatusForCitizen>;

internal sealed class LookupDossierStatusValidator : AbstractValidator<LookupDossierStatus>
{
    public LookupDossierStatusValidator()
    {
        RuleFor(q => q.Code).NotEmpty().WithMessage("Nhập mã hồ sơ ghi trên giấy tiếp nhận.").MaximumLength(64)
            .WithMessage("Mã hồ sơ không quá 64 ký tự.");
        RuleFor(q => q.Secret).NotEmpty().WithMessage("Nhập mã tra cứu gồm 8 ký tự ghi trên giấy tiếp nhận.").MaximumLength(16)
            .WithMessage("Mã tra cứu gồm 8 ký tự ghi trên giấy tiếp nhận.");
    }
}

internal sealed class LookupDossierStatusHandler(NpgsqlDataSource dataSource, IMediator mediator, TimeProvider clock)
    : IRequestHandler<LookupDossierStatus, DossierStatusForCitizen>
{
    /// <summary>The one answer for an unknown code and a wrong secret.</summary>
    public static AppException NoMatch() => AppException.NotFound("dossier.lookup_no_match",
        "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu đã nhập. Vui lòng kiểm tra lại trên giấy tiếp nhận hồ sơ.");

    public async Task<DossierStatusForCitizen> Handle(LookupDossierStatus query, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await DossierRows.LoadStateAsync(db, "code = @key", query.Code.Trim(), cancellationToken);
        // Hash even when the code is unknown, so both refusals take the same time.
        var matches = LookupSecrets.Matches(found?.Dossier.Id ?? Guid.Empty, query.Secret, found?.Dossier.LookupSecretHash ?? new string('0', 64));
        if (found is not { Dossier: var d } || !matches)
        {
            throw NoMatch();
        }

        var history = await DossierRows.LoadHistoryAsync(db, d.Id, cancellationToken);
        var unit = (await mediator.Send(new ListUnits(), cancellationToken)).FirstOrDefault(u => u.Code == d.ReceivingUnit);
        return new DossierStatusForCitizen(
            d.Code, d.Procedure.Name, d.Applicant.FullName, d.Status, DossierTexts.Status(d.Status), unit?.Name ?? d.ReceivingUnit, unit?.Address,
            d.SubmittedAt, d.ReceivedAt, d.DueAt, d.AppointmentAt, d.DueExplanationLines, TimelinessRules.Judge(d, clock.GetUtcNow()).StatusText,
            CitizenGuidance.NextStep(d, unit?.Name ?? d.ReceivingUnit),
            [.. history.Where(h => h.Type != "dossiers.lookup_secret_reissued.v1").Select(h => new CitizenHistoryLine(h.At, h.Description))]);
    }
}
