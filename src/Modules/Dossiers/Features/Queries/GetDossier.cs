using System.Text.Json;
using Dapper;
using MediatR;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.Dossiers.Domain;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Dossiers.Features.Queries;

public sealed record HistoryEntry(long Version, string Type, DateTimeOffset At, string? Actor, string? Unit, string Description);

/// <summary>A dossier as an official sees it: everything, the due date's explanation, timeliness per step, and its history.</summary>
public sealed record DossierView(
    Guid Id, string Code, long Version, DossierStatus Status, string StatusText, IntakeChannel Channel, string ChannelText,
    ProcedureRef Procedure, string ReceivingUnit, string HandlingUnit, string? Assignee, Applicant Applicant,
    IReadOnlyList<ReceivedComponent> Components, IReadOnlyList<string> MissingComponents, string? PortalReference,
    DateTimeOffset SubmittedAt, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset? AppointmentAt,
    IReadOnlyList<string> DueExplanation, DossierTimeliness Timeliness, IReadOnlyList<FinancialObligation> Obligations,
    IReadOnlyList<Payment> Payments, decimal Outstanding, Proposal? Proposal, Decision? Decision, DateTimeOffset? ResultReadyAt,
    ResultReturn? Return, DateTimeOffset? ClosedAt, string? ClosingReason, Rating? Rating, IReadOnlyList<HistoryEntry> History);

[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader, Roles.Auditor)]
public sealed record GetDossier(Guid Id) : IQuery<DossierView>;

[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader, Roles.Auditor)]
public sealed record GetDossierByCode(string Code) : IQuery<DossierView>;

/// <summary>
/// Which dossier a code names, for another module's command that acts on it (a document-management system's approval):
/// the same visibility as <see cref="GetDossierByCode"/> without reading the applicant, so no personal-data read is logged.
/// </summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader, Roles.Auditor)]
public sealed record ResolveDossierCode(string Code) : IQuery<DossierReference>;

public sealed record DossierReference(Guid Id, string Code, long Version, DossierStatus Status);

/// <summary>A dossier by the reference of the portal it was submitted through.</summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader, Roles.Auditor)]
public sealed record GetDossierByPortalReference(string PortalReference) : IQuery<DossierView>;

/// <summary>Reads the detail read model. Officials see the dossiers their unit received, handles or handled; auditors all.</summary>
internal sealed class GetDossierHandler(NpgsqlDataSource dataSource, RequestContext context, TimeProvider clock, PersonalDataAccess privacy) :
    IRequestHandler<GetDossier, DossierView>,
    IRequestHandler<GetDossierByCode, DossierView>,
    IRequestHandler<GetDossierByPortalReference, DossierView>,
    IRequestHandler<ResolveDossierCode, DossierReference>
{
    public Task<DossierView> Handle(GetDossier query, CancellationToken cancellationToken) =>
        LoadAsync("id = @key", query.Id, query.Id.ToString(), cancellationToken);

    public Task<DossierView> Handle(GetDossierByCode query, CancellationToken cancellationToken) =>
        LoadAsync("code = @key", query.Code, query.Code, cancellationToken);

    public Task<DossierView> Handle(GetDossierByPortalReference query, CancellationToken cancellationToken) =>
        LoadAsync("portal_reference = @key", query.PortalReference, $"có mã tham chiếu {query.PortalReference}", cancellationToken);

    public async Task<DossierReference> Handle(ResolveDossierCode query, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var (d, version) = await DossierRows.LoadStateAsync(db, "code = @key", query.Code, cancellationToken)
            ?? throw Features.DossierWorkflow.NotFound(query.Code);
        EnsureVisible(d);
        return new DossierReference(d.Id, d.Code, version, d.Status);
    }

    private async Task<DossierView> LoadAsync(string where, object key, string name, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var (d, version) = await DossierRows.LoadStateAsync(db, where, key, cancellationToken) ?? throw Features.DossierWorkflow.NotFound(name);
        EnsureVisible(d);
        var history = await DossierRows.LoadHistoryAsync(db, d.Id, cancellationToken);
        var applicant = await privacy.ShowAsync(d.Applicant, d.Code, "dossier.view", cancellationToken);
        return new DossierView(d.Id, d.Code, version, d.Status, DossierTexts.Status(d.Status), d.Channel, DossierTexts.Channel(d.Channel),
            d.Procedure, d.ReceivingUnit, d.HandlingUnit, d.Assignee, applicant, d.Components, d.MissingComponents ?? [], d.PortalReference,
            d.SubmittedAt, d.ReceivedAt, d.DueAt, d.AppointmentAt, d.DueExplanationLines, TimelinessRules.Judge(d, clock.GetUtcNow()),
            d.ObligationList, d.PaymentList, d.Outstanding, d.Proposal, d.Decision, d.ResultReadyAt, d.Return, d.ClosedAt, d.ClosingReason,
            d.Rating, history);
    }

    private void EnsureVisible(Dossier d)
    {
        if (context.IsSystem || context.HasRole(Roles.Auditor))
        {
            return;
        }

        var unit = context.Unit;
        if (unit is null || !(unit == d.ReceivingUnit || unit == d.HandlingUnit || d.StepList.Any(s => s.Unit == unit)))
        {
            throw AppException.Forbidden("dossier.other_unit", $"Hồ sơ {d.Code} không thuộc đơn vị {unit ?? "(chưa xác định)"}.");
        }
    }
}

/// <summary>Reads of the dossier read models (Sql/0001_dossiers.sql) that several queries share.</summary>
internal static class DossierRows
{
    /// <summary>The folded state and version of the dossier matching <paramref name="where"/> (with <c>@key</c>), or null.</summary>
    public static async Task<(Dossier Dossier, long Version)?> LoadStateAsync(
        NpgsqlConnection db, string where, object key, CancellationToken cancellationToken)
    {
        var row = await db.QuerySingleOrDefaultAsync<(long Version, string State)>(new CommandDefinition(
            $"select version, state::text from dossiers where {where}", new { key }, cancellationToken: cancellationToken));
        return row.State is null ? null : (JsonSerializer.Deserialize<Dossier>(row.State, EventTypeRegistry.SerializerOptions)!, row.Version);
    }

    public static async Task<IReadOnlyList<HistoryEntry>> LoadHistoryAsync(NpgsqlConnection db, Guid id, CancellationToken cancellationToken) =>
        (await db.QueryAsync<(long Version, string Type, DateTime At, string? Actor, string? Unit, string Description)>(new CommandDefinition(
            "select version, type, at, actor, unit, description from dossiers_history where dossier_id = @id order by version", new { id },
            cancellationToken: cancellationToken)))
        .Select(h => new HistoryEntry(h.Version, h.Type, Local(h.At), h.Actor, h.Unit, h.Description)).ToList();

    public static DateTimeOffset Local(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), VietnamTime.Zone);
}
