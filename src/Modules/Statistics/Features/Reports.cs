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
    decimal? AverageRating, ProcessingTimeFigures ProcessingTime, ServiceIndicators Indicators, ServiceIndex Index, CitizenTimeSaved TimeSaved,
    ReportAsOf AsOf);

/// <summary>
/// The Decision 766/QĐ-TTg indicators the event log supports (docs/statistics.md), percent, null when nothing to divide:
/// results returned electronically among those returned; fees paid online among those paid; components received with
/// a stored document (số hóa thành phần hồ sơ), and those reused from a citizen's digitised papers; resolved dossiers
/// whose result is stored as a document (số hóa kết quả); ratings of satisfied (2) or very satisfied (3).
/// </summary>
public sealed record ServiceIndicators(
    long Returned, long ReturnedElectronically, decimal? ElectronicResultRate, long Payments, long PaymentsOnline, decimal? OnlinePaymentRate,
    long Components, long ComponentsDigitised, decimal? ComponentDigitisationRate, long ComponentsReused, decimal? ReuseRate,
    long Resolved, long ResultsDigitised, decimal? ResultDigitisationRate, long Rated, long Satisfied, decimal? SatisfactionRate);

/// <summary>
/// One group of the Decision 766/QĐ-TTg index with its maximum points, and the points the platform estimates from its
/// own figures (the group's maximum × the mean of the rates on which it rests); null when none of them can be worked out.
/// </summary>
public sealed record ServiceIndexGroup(string Code, string Name, int MaxPoints, decimal? Points, string Basis);

/// <summary>The groups, the points estimated over those that could be, and the maximum of those (of 100 for the five).</summary>
public sealed record ServiceIndex(IReadOnlyList<ServiceIndexGroup> Groups, decimal Points, int MeasuredMaxPoints);

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
        var counted = CountedRows.For(units, procedures, query.Scope, Grains.MonthsAndYears, byProcedure: true);
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await db.QueryAsync<(string Code, string Name, long Online, long Direct, long OnTime, long Late)>(new CommandDefinition(
            $"""
            select counted.procedure_code, coalesce(min(p.procedure_name), counted.procedure_code), sum(online), sum(direct + post), sum(on_time), sum(late)
              from {counted.Counters}
              left join statistics_procedures p on p.procedure_code = counted.procedure_code
             group by counted.procedure_code having sum(received) > 0 order by counted.procedure_code
            """, counted.Parameters, cancellationToken: cancellationToken))).ToList();
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
        var counted = CountedRows.For(units, procedures, query.Scope, Grains.MonthsAndYears);
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var c = await db.QuerySingleAsync<Counted>(new CommandDefinition(
            $"select {CountedRows.Sums} from {counted.Counters}", counted.Parameters, cancellationToken: cancellationToken));
        counted.Parameters.Add("now", clock.GetUtcNow());
        var overdue = await db.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            select count(*) from statistics_dossiers
             where {ScopeFilter} and not refused and not withdrawn and not stopped and resolved_at is null and due_at < @now
            """, counted.Parameters, cancellationToken: cancellationToken));
        var indicators = new ServiceIndicators(
            c.Returned, c.ReturnedElectronically, Rate(c.ReturnedElectronically, c.Returned), c.Payments, c.PaymentsOnline, Rate(c.PaymentsOnline, c.Payments),
            c.Components, c.ComponentsDigitised, Rate(c.ComponentsDigitised, c.Components), c.ComponentsReused, Rate(c.ComponentsReused, c.ComponentsDigitised),
            c.OnTime + c.Late, c.ResultsDigitised, Rate(c.ResultsDigitised, c.OnTime + c.Late), c.Rated, c.Satisfied, Rate(c.Satisfied, c.Rated));
        var onlineRate = Rate(c.Online, c.Received);
        var onTimeRate = Rate(c.OnTime, c.OnTime + c.Late);
        return new DossierStatistics(query.Scope, units, c.Received, c.Online, c.Direct, c.Post, c.Refused, c.Withdrawn, c.Stopped, c.OnTime, c.Late,
            c.InProgress, overdue, onlineRate, onTimeRate,
            c.Rated == 0 ? null : decimal.Round((decimal)c.RatingSum / c.Rated, 2, MidpointRounding.AwayFromZero),
            await ProcessingTimeAsync(db, counted, cancellationToken), indicators, ServiceIndexEstimate.Of(onlineRate, onTimeRate, indicators),
            TimeSaved(c.Online + c.ReturnedRemotely),
            await AsOfAsync(db, cancellationToken));
    }

    /// <summary>The mean and the 90th percentile (nearest rank, as SQL's percentile_disc) from the histogram of working days.</summary>
    private static async Task<ProcessingTimeFigures> ProcessingTimeAsync(NpgsqlConnection db, CountedRows counted, CancellationToken cancellationToken)
    {
        var histogram = (await db.QueryAsync<(int Days, long Dossiers)>(new CommandDefinition(
            $"select days, sum(dossiers)::bigint from {counted.ProcessingDays} group by days having sum(dossiers) > 0 order by days",
            counted.Parameters, cancellationToken: cancellationToken))).ToList();
        var resolved = histogram.Sum(h => h.Dossiers);
        if (resolved == 0)
        {
            return new ProcessingTimeFigures(0, null, null);
        }

        var average = decimal.Round((decimal)histogram.Sum(h => h.Days * h.Dossiers) / resolved, 2, MidpointRounding.AwayFromZero);
        // The smallest number of days that at least 90 % of the resolved dossiers took at most.
        long atMost = 0;
        foreach (var (days, dossiers) in histogram)
        {
            atMost += dossiers;
            if (atMost * 10 >= resolved * 9)
            {
                return new ProcessingTimeFigures(resolved, average, days);
            }
        }

        throw new InvalidOperationException("The histogram's counts add up to the resolved dossiers, so one of them reaches 90 %.");
    }

    private CitizenTimeSaved TimeSaved(long visits)
    {
        var (hours, wage) = (options.Value.HoursPerVisit, options.Value.HourlyWage);
        return new CitizenTimeSaved(visits, hours, wage, visits * hours, visits * hours * wage);
    }

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
