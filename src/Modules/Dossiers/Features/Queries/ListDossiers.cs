using Dapper;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Npgsql;
using Onestop.Dossiers.Domain;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Dossiers.Features.Queries;

/// <summary>Work queues: everything of a unit, open ones, those due soon, overdue ones (the dossier or its current step), or mine.</summary>
public enum DossierQueue
{
    All,
    Open,
    DueSoon,
    Overdue,
    Mine,
}

/// <summary>A row of a work queue; the applicant's identity number is masked.</summary>
public sealed record DossierSummary(
    Guid Id, string Code, long Version, DossierStatus Status, string StatusText, IntakeChannel Channel, string ProcedureCode, string ProcedureName,
    string ReceivingUnit, string HandlingUnit, string? Assignee, string? StepName, DateTimeOffset? StepDueAt, string ApplicantName,
    string? ApplicantIdentity, DateTimeOffset SubmittedAt, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset? AppointmentAt,
    bool Paused, TimelinessStatus Timeliness, string TimelinessText);

public sealed record DossierPage(IReadOnlyList<DossierSummary> Items, int Page, int PageSize, long Total);

/// <summary>
/// Dossiers handled by a unit (the caller's unless an auditor asks for another), filtered by queue, state,
/// assignee, procedure and a search on code or applicant name; most urgent first.
/// </summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader, Roles.Auditor)]
public sealed record ListDossiers(
    string? Unit = null, DossierQueue Queue = DossierQueue.All, DossierStatus? Status = null, string? Assignee = null,
    string? ProcedureCode = null, string? Search = null, int Page = 1, int PageSize = 50) : IQuery<DossierPage>;

internal sealed class ListDossiersValidator : AbstractValidator<ListDossiers>
{
    public ListDossiersValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Trang phải từ 1 trở lên.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200).WithMessage("Số dòng mỗi trang phải từ 1 đến 200.");
    }
}

internal sealed class ListDossiersHandler(
    NpgsqlDataSource dataSource, RequestContext context, TimeProvider clock, IOptions<DossierOptions> options, PersonalDataAccess privacy)
    : IRequestHandler<ListDossiers, DossierPage>
{
    private const string Running = "paused = false and result_ready_at is null and closed_at is null and received_at is not null";

    public async Task<DossierPage> Handle(ListDossiers query, CancellationToken cancellationToken)
    {
        var unit = query.Unit ?? context.Unit;
        if (!context.IsSystem && !context.HasRole(Roles.Auditor) && unit != context.Unit)
        {
            throw AppException.Forbidden("dossier.other_unit", $"Cán bộ của đơn vị {context.Unit ?? "(chưa xác định)"} không xem được hồ sơ của đơn vị {unit}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var filter = new
        {
            unit, now, soon = now.AddHours(options.Value.DueSoonHours), status = query.Status?.ToString(),
            assignee = query.Queue == DossierQueue.Mine ? Login(context.Actor) : query.Assignee, procedure = query.ProcedureCode,
            search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim(), limit = query.PageSize,
            offset = (query.Page - 1) * query.PageSize,
        };
        var where = "where (@unit::text is null or handling_unit = @unit) and (@status::text is null or status = @status)"
            + " and (@assignee::text is null or assignee = @assignee) and (@procedure::text is null or procedure_code = @procedure)"
            + " and (@search::text is null or code like @search || '%' or applicant_name ilike '%' || @search || '%')"
            + query.Queue switch
            {
                DossierQueue.Open or DossierQueue.Mine => " and closed_at is null",
                DossierQueue.DueSoon => $" and {Running} and due_at >= @now and least(due_at, coalesce(step_due_at, due_at)) < @soon",
                DossierQueue.Overdue => $" and {Running} and least(due_at, coalesce(step_due_at, due_at)) < @now",
                _ => "",
            };
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await db.ExecuteScalarAsync<long>($"select count(*) from dossiers {where}", filter);
        var rows = await db.QueryAsync<Row>(
            $"""
            select id, code, version, status, channel, procedure_code as procedurecode, procedure_name as procedurename,
                receiving_unit as receivingunit, handling_unit as handlingunit, assignee, step_name as stepname, step_due_at as stepdueat,
                applicant_name as applicantname, applicant_identity as applicantidentity, submitted_at as submittedat, received_at as receivedat,
                due_at as dueat, appointment_at as appointmentat, paused, result_ready_at as resultreadyat
            from dossiers {where}
            order by due_at nulls last, submitted_at limit @limit offset @offset
            """, filter);
        var items = rows.Select(r => r.ToSummary(now)).ToList();
        if (!privacy.InFull)
        {
            items = items.Select(i => i with { ApplicantName = PersonalDataAccess.MaskName(i.ApplicantName) }).ToList();
        }
        else if (items.Count > 0)
        {
            await privacy.RecordAsync($"danh sách hồ sơ {unit ?? "mọi đơn vị"}: {string.Join(", ", items.Select(i => i.Code))}", "dossier.list", cancellationToken);
        }

        return new DossierPage(items, query.Page, query.PageSize, total);
    }

    private static string? Login(string? actor) => actor is null ? null : actor[(actor.IndexOf(':') + 1)..];

    private sealed record Row(
        Guid Id, string Code, long Version, string Status, string Channel, string ProcedureCode, string ProcedureName, string ReceivingUnit,
        string HandlingUnit, string? Assignee, string? StepName, DateTime? StepDueAt, string ApplicantName, string? ApplicantIdentity,
        DateTime SubmittedAt, DateTime? ReceivedAt, DateTime? DueAt, DateTime? AppointmentAt, bool Paused, DateTime? ResultReadyAt)
    {
        public DossierSummary ToSummary(DateTime now)
        {
            var status = Enum.Parse<DossierStatus>(Status);
            var timeliness = DueAt is not { } due || status is DossierStatus.Refused or DossierStatus.Withdrawn or DossierStatus.Stopped
                ? TimelinessStatus.NotApplicable
                : ResultReadyAt is { } ready ? ready <= due ? TimelinessStatus.OnTime : TimelinessStatus.Late
                : Paused ? TimelinessStatus.Paused
                : now > due ? TimelinessStatus.Overdue : TimelinessStatus.InTime;
            return new DossierSummary(Id, Code, Version, status, DossierTexts.Status(status), Enum.Parse<IntakeChannel>(Channel), ProcedureCode,
                ProcedureName, ReceivingUnit, HandlingUnit, Assignee, StepName, L(StepDueAt), ApplicantName, ApplicantIdentity,
                DossierRows.Local(SubmittedAt), L(ReceivedAt), L(DueAt), L(AppointmentAt), Paused, timeliness, TimelinessRules.Text(timeliness));
        }

        private static DateTimeOffset? L(DateTime? utc) => utc is { } value ? DossierRows.Local(value) : null;
    }
}
