using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;
using Onestop.Catalogue.Features.FieldsAndUnits;
using Onestop.Catalogue.Features.Procedures;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Statistics.Features;

/// <summary>Which dossiers a report counts: those received by a unit (and its child units) on the days from..to (Vietnam dates).</summary>
/// <summary>Which dossiers a report counts: those received by the unit (and its child units) in the dates, of one field's procedures if given.</summary>
public sealed record ReportScope(string Unit, DateOnly From, DateOnly To, bool IncludeChildUnits = true, string? Field = null);

/// <summary>The position of the log a report reflects: the projection's checkpoint and when it last moved.</summary>
public sealed record ReportAsOf(string Checkpoint, DateTimeOffset? UpdatedAt);

/// <summary>
/// One line of the seeds/001 table: a procedure's dossiers received online and directly (desk or post), and the online
/// rate; with, for the same dossiers, those resolved on time and late and the on-time rate (null when none is resolved).
/// </summary>
public sealed record IntakeLine(
    string ProcedureCode, string ProcedureName, long Online, long Direct, long Total, decimal OnlineRate, long ResolvedOnTime, long ResolvedLate,
    decimal? OnTimeRate);

public sealed record IntakeReport(ReportScope Scope, IReadOnlyList<string> Units, IReadOnlyList<IntakeLine> Procedures, IntakeLine Totals, ReportAsOf AsOf);

/// <summary>Counts and rates over the dossiers received in the scope; rates in percent, two decimals, null when nothing to divide.</summary>
public sealed record DossierStatistics(
    ReportScope Scope, IReadOnlyList<string> Units, long Received, long Online, long Direct, long Post, long Refused, long Withdrawn,
    long Stopped, long ResolvedOnTime, long ResolvedLate, long InProgress, long OverdueNow, decimal? OnlineRate, decimal? OnTimeRate,
    decimal? AverageRating, ProcessingTimeFigures ProcessingTime, ServiceIndicators Indicators, CitizenTimeSaved TimeSaved, ReportAsOf AsOf);

/// <summary>
/// The Decision 766/QĐ-TTg indicators the event log supports (docs/statistics.md): results returned electronically
/// among those returned, and fees paid online among those paid; percent, null when nothing to divide.
/// </summary>
public sealed record ServiceIndicators(long Returned, long ReturnedElectronically, decimal? ElectronicResultRate, long Payments, long PaymentsOnline, decimal? OnlinePaymentRate);

/// <summary>Working days from receipt (the clock's start) to the result of the resolved dossiers: the mean and the 90th percentile (nearest rank).</summary>
public sealed record ProcessingTimeFigures(long Resolved, decimal? AverageWorkingDays, int? P90WorkingDays);

/// <summary>
/// Visits the citizens did not make (an online submission, a result sent by post or electronically) × hours per visit
/// × an hourly wage, as seeds/002 counted it (3,483 dossiers × 1 hour × 16,000 đồng); both figures are settings.
/// </summary>
public sealed record CitizenTimeSaved(long VisitsAvoided, decimal HoursPerVisit, decimal HourlyWage, decimal Hours, decimal Dong);

/// <summary>Settings under "Statistics".</summary>
public sealed class StatisticsOptions
{
    public decimal HoursPerVisit { get; set; } = 1m;

    /// <summary>Đồng per hour; 16,000 is the seed's 2011 national average (2,800,000 a month): set the province's current figure.</summary>
    public decimal HourlyWage { get; set; } = 16_000m;
}

[AllowedRoles(Roles.StatisticsViewer, Roles.Leader)]
public sealed record GetIntakeReport(ReportScope Scope) : IQuery<IntakeReport>;

[AllowedRoles(Roles.StatisticsViewer, Roles.Leader)]
public sealed record GetDossierSummary(ReportScope Scope) : IQuery<DossierStatistics>;

internal sealed class ReportScopeValidator : AbstractValidator<ReportScope>
{
    public ReportScopeValidator()
    {
        RuleFor(s => s.Unit).NotEmpty().WithMessage("Phải chọn đơn vị.");
        RuleFor(s => s.To).GreaterThanOrEqualTo(s => s.From).WithMessage("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.");
        RuleFor(s => s).Must(s => s.To.DayNumber - s.From.DayNumber <= 3660).WithName("to").WithMessage("Khoảng thời gian không quá 10 năm.");
    }
}

internal sealed class GetIntakeReportValidator : AbstractValidator<GetIntakeReport>
{
    public GetIntakeReportValidator() => RuleFor(q => q.Scope).SetValidator(new ReportScopeValidator());
}

internal sealed class GetDossierSummaryValidator : AbstractValidator<GetDossierSummary>
{
    public GetDossierSummaryValidator() => RuleFor(q => q.Scope).SetValidator(new ReportScopeValidator());
}

/// <summary>
/// Refused dossiers were never received (từ chối tiếp nhận), so they count apart and not in the online rate; the
/// on-time rate is over the resolved ones; in progress excludes refused, withdrawn, stopped and resolved.
/// </summary>
internal sealed class ReportsHandler(
    NpgsqlDataSource dataSource, IMediator mediator, TimeProvider clock, Microsoft.Extensions.Options.IOptions<StatisticsOptions> options,
    StatisticsAccess access) :
    IRequestHandler<GetIntakeReport, IntakeReport>,
    IRequestHandler<GetDossierSummary, DossierStatistics>
{
    public async Task<IntakeReport> Handle(GetIntakeReport query, CancellationToken cancellationToken)
    {
        await access.EnsureReportAsync(query.Scope.Unit, cancellationToken);
        var units = await UnitsAsync(mediator, query.Scope, cancellationToken);
        var procedures = await ProceduresAsync(mediator, query.Scope, cancellationToken);
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await db.QueryAsync<(string Code, string Name, long Online, long Direct, long OnTime, long Late)>(new CommandDefinition(
            $"""
            select procedure_code, min(procedure_name), count(*) filter (where channel = 'Online'), count(*) filter (where channel <> 'Online'),
                   count(*) filter (where resolved_on_time), count(*) filter (where resolved_on_time = false)
              from statistics_dossiers
             where {ScopeFilter} and not refused
             group by procedure_code order by procedure_code
            """, Parameters(units, procedures, query.Scope), cancellationToken: cancellationToken))).ToList();
        var lines = rows.Select(r => Line(r.Code, r.Name, r.Online, r.Direct, r.OnTime, r.Late)).ToList();
        var totals = Line("", "Tổng cộng", rows.Sum(r => r.Online), rows.Sum(r => r.Direct), rows.Sum(r => r.OnTime), rows.Sum(r => r.Late));
        return new IntakeReport(query.Scope, units, lines, totals,
            await AsOfAsync(db, cancellationToken));
    }

    public async Task<DossierStatistics> Handle(GetDossierSummary query, CancellationToken cancellationToken)
    {
        await access.EnsureReportAsync(query.Scope.Unit, cancellationToken);
        var units = await UnitsAsync(mediator, query.Scope, cancellationToken);
        var procedures = await ProceduresAsync(mediator, query.Scope, cancellationToken);
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var p = Parameters(units, procedures, query.Scope);
        p.Add("now", clock.GetUtcNow());
        var c = await db.QuerySingleAsync<Counts>(new CommandDefinition(
            $"""
            select count(*) filter (where not refused) as Received,
                   count(*) filter (where not refused and channel = 'Online') as Online,
                   count(*) filter (where not refused and channel = 'Direct') as Direct,
                   count(*) filter (where not refused and channel = 'Post') as Post,
                   count(*) filter (where refused) as Refused, count(*) filter (where withdrawn) as Withdrawn, count(*) filter (where stopped) as Stopped,
                   count(*) filter (where resolved_on_time) as OnTime, count(*) filter (where resolved_on_time = false) as Late,
                   count(*) filter (where not refused and not withdrawn and not stopped and resolved_at is null) as InProgress,
                   count(*) filter (where not refused and not withdrawn and not stopped and resolved_at is null and due_at < @now) as Overdue,
                   avg(rating)::numeric as Rating,
                   count(*) filter (where returned_by in ('Post', 'Electronic')) as ReturnedRemotely,
                   count(*) filter (where returned_by is not null) as Returned, count(*) filter (where returned_by = 'Electronic') as Electronic,
                   coalesce(sum(payments), 0)::bigint as Payments, coalesce(sum(payments_online), 0)::bigint as PaymentsOnline
              from statistics_dossiers
             where {ScopeFilter}
            """, p, cancellationToken: cancellationToken));
        return new DossierStatistics(query.Scope, units, c.Received, c.Online, c.Direct, c.Post, c.Refused, c.Withdrawn, c.Stopped, c.OnTime, c.Late,
            c.InProgress, c.Overdue, Rate(c.Online, c.Received), Rate(c.OnTime, c.OnTime + c.Late),
            c.Rating is { } rating ? decimal.Round(rating, 2) : null, await ProcessingTimeAsync(db, p, cancellationToken),
            new ServiceIndicators(c.Returned, c.Electronic, Rate(c.Electronic, c.Returned), c.Payments, c.PaymentsOnline, Rate(c.PaymentsOnline, c.Payments)),
            TimeSaved(c.Online + c.ReturnedRemotely),
            await AsOfAsync(db, cancellationToken));
    }

    private static async Task<ProcessingTimeFigures> ProcessingTimeAsync(NpgsqlConnection db, DynamicParameters scope, CancellationToken cancellationToken)
    {
        var row = await db.QuerySingleAsync<(long Resolved, decimal? Average, int? P90)>(new CommandDefinition(
            $"""
            select count(processing_days), round(avg(processing_days), 2), percentile_disc(0.9) within group (order by processing_days)
              from statistics_dossiers
             where {ScopeFilter} and processing_days is not null
            """, scope, cancellationToken: cancellationToken));
        return new ProcessingTimeFigures(row.Resolved, row.Average, row.P90);
    }

    private CitizenTimeSaved TimeSaved(long visits)
    {
        var (hours, wage) = (options.Value.HoursPerVisit, options.Value.HourlyWage);
        return new CitizenTimeSaved(visits, hours, wage, visits * hours, visits * hours * wage);
    }

    private sealed record Counts(
        long Received, long Online, long Direct, long Post, long Refused, long Withdrawn, long Stopped, long OnTime, long Late, long InProgress,
        long Overdue, decimal? Rating, long ReturnedRemotely, long Returned, long Electronic, long Payments, long PaymentsOnline);

    private static IntakeLine Line(string code, string name, long online, long direct, long onTime, long late) =>
        new(code, name, online, direct, online + direct, Rate(online, online + direct) ?? 0, onTime, late, Rate(onTime, onTime + late));

    internal static decimal? Rate(long part, long whole) => whole == 0 ? null : decimal.Round(100m * part / whole, 2);

    /// <summary>The rows of <see cref="ReportScope"/>: with <c>@units</c>, <c>@from</c>, <c>@to</c> and <c>@procedures</c> (null for every field).</summary>
    internal const string ScopeFilter =
        "receiving_unit = any(@units) and received_on between @from and @to and (@procedures::text[] is null or procedure_code = any(@procedures))";

    internal static DynamicParameters Parameters(IReadOnlyList<string> units, string[]? procedures, ReportScope scope)
    {
        var p = new DynamicParameters();
        p.Add("units", units.ToArray());
        p.Add("procedures", procedures);
        p.Add("from", scope.From);
        p.Add("to", scope.To);
        return p;
    }

    /// <summary>The codes of the field's procedures when the scope names a field (an unknown field is refused), else null.</summary>
    internal static async Task<string[]?> ProceduresAsync(IMediator mediator, ReportScope scope, CancellationToken cancellationToken)
    {
        if (scope.Field is not { } field)
        {
            return null;
        }

        if (!(await mediator.Send(new ListFields(), cancellationToken)).Any(f => f.Code == field))
        {
            throw AppException.Validation("field", $"Không có lĩnh vực mã {field} trong danh mục.");
        }

        var codes = new List<string>();
        for (var page = 1; ; page++)
        {
            var procedures = await mediator.Send(new ListProcedures(FieldCode: field, Page: page, PageSize: 200), cancellationToken);
            codes.AddRange(procedures.Items.Select(p => p.Code));
            if (codes.Count >= procedures.Total || procedures.Items.Count == 0)
            {
                return [.. codes];
            }
        }
    }

    /// <summary>The unit and, when asked, every unit below it in the catalogue (a province with its communes).</summary>
    internal static async Task<IReadOnlyList<string>> UnitsAsync(IMediator mediator, ReportScope scope, CancellationToken cancellationToken)
    {
        if (!scope.IncludeChildUnits)
        {
            return [scope.Unit];
        }

        var children = (await mediator.Send(new ListUnits(), cancellationToken)).ToLookup(u => u.ParentCode ?? "", u => u.Code);
        var found = new List<string> { scope.Unit };
        for (var i = 0; i < found.Count; i++)
        {
            found.AddRange(children[found[i]].Where(c => !found.Contains(c)));
        }

        return found;
    }

    internal static async Task<ReportAsOf> AsOfAsync(NpgsqlConnection db, CancellationToken cancellationToken)
    {
        var row = await db.QuerySingleOrDefaultAsync<(string Checkpoint, DateTime UpdatedAt)?>(new CommandDefinition(
            "select tx_id::text || ':' || position::text, updated_at from es_projection_checkpoints where name = @name",
            new { name = StatisticsModule.ProjectionName }, cancellationToken: cancellationToken));
        return row is { } r ? new ReportAsOf(r.Checkpoint, new DateTimeOffset(DateTime.SpecifyKind(r.UpdatedAt, DateTimeKind.Utc))) : new ReportAsOf("0:0", null);
    }
}
