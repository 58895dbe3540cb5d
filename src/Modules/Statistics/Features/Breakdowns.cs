using System.Globalization;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;
using Onestop.Catalogue.Features.FieldsAndUnits;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Statistics.Features;

public enum ReportPeriod
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// <summary>One period's counts: a day "2026-03-02", an ISO week "2026-W10", a month "2026-03", a quarter "2026-Q1", a year "2026".</summary>
public sealed record PeriodLine(string Period, DateOnly Start, long Received, long Online, long ResolvedOnTime, long ResolvedLate, decimal? OnlineRate, decimal? OnTimeRate);

public sealed record PeriodReport(ReportScope Scope, ReportPeriod Period, IReadOnlyList<PeriodLine> Lines, ReportAsOf AsOf);

/// <summary>A unit's place in the ranking by online rate (units that received nothing come last).</summary>
public sealed record RankingLine(int Rank, string Unit, string UnitName, long Received, long Online, decimal? OnlineRate);

/// <summary>The weekly ranking of a unit's child units, shared to push units along (seeds/001).</summary>
public sealed record UnitRanking(string ParentUnit, string Week, DateOnly From, DateOnly To, IReadOnlyList<RankingLine> Units, ReportAsOf AsOf);

[AllowedRoles(Roles.StatisticsViewer, Roles.Leader)]
public sealed record GetPeriodReport(ReportScope Scope, ReportPeriod Period) : IQuery<PeriodReport>;

/// <summary>The ISO week, e.g. "2026-W10" (Monday 2 March to Sunday 8 March 2026).</summary>
[AllowedRoles(Roles.StatisticsViewer, Roles.Leader)]
public sealed record GetUnitRanking(string ParentUnit, string Week) : IQuery<UnitRanking>;

internal sealed class GetPeriodReportValidator : AbstractValidator<GetPeriodReport>
{
    public GetPeriodReportValidator() => RuleFor(q => q.Scope).SetValidator(new ReportScopeValidator());
}

internal sealed class GetUnitRankingValidator : AbstractValidator<GetUnitRanking>
{
    public GetUnitRankingValidator()
    {
        RuleFor(q => q.ParentUnit).NotEmpty().WithMessage("Phải chọn đơn vị cấp trên.");
        RuleFor(q => q.Week).Must(w => BreakdownsHandler.WeekStart(w) is not null)
            .WithMessage("Tuần ghi theo dạng năm-W-số tuần ISO, ví dụ 2026-W10.");
    }
}

internal sealed class BreakdownsHandler(NpgsqlDataSource dataSource, IMediator mediator, StatisticsAccess access) :
    IRequestHandler<GetPeriodReport, PeriodReport>,
    IRequestHandler<GetUnitRanking, UnitRanking>
{
    public async Task<PeriodReport> Handle(GetPeriodReport query, CancellationToken cancellationToken)
    {
        await access.EnsureReportAsync(query.Scope.Unit, cancellationToken);
        var units = await ReportsHandler.UnitsAsync(mediator, query.Scope, cancellationToken);
        var procedures = await ReportsHandler.ProceduresAsync(mediator, query.Scope, cancellationToken);
        // Days and ISO weeks cut across months, so they are counted from the dossiers' rows; a quarter is three months.
        var (trunc, label, grains) = query.Period switch
        {
            ReportPeriod.Day => ("day", "YYYY-MM-DD", Grains.None),
            ReportPeriod.Week => ("week", "IYYY-\"W\"IW", Grains.None),
            ReportPeriod.Month => ("month", "YYYY-MM", Grains.Months),
            ReportPeriod.Quarter => ("quarter", "YYYY-\"Q\"Q", Grains.Months),
            _ => ("year", "YYYY", Grains.MonthsAndYears),
        };
        var counted = CountedRows.For(units, procedures, query.Scope, grains);
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await db.QueryAsync<(DateOnly Start, string Label, long Received, long Online, long OnTime, long Late)>(new CommandDefinition(
            $"""
            select date_trunc('{trunc}', period_start)::date, to_char(date_trunc('{trunc}', period_start), '{label}'),
                   sum(received), sum(online), sum(on_time), sum(late)
              from {counted.Counters}
             group by 1, 2 order by 1
            """, counted.Parameters, cancellationToken: cancellationToken));
        var lines = rows.Select(r => new PeriodLine(r.Label, r.Start, r.Received, r.Online, r.OnTime, r.Late,
            ReportsHandler.Rate(r.Online, r.Received), ReportsHandler.Rate(r.OnTime, r.OnTime + r.Late))).ToList();
        return new PeriodReport(query.Scope, query.Period, lines, await ReportsHandler.AsOfAsync(db, cancellationToken));
    }

    public async Task<UnitRanking> Handle(GetUnitRanking query, CancellationToken cancellationToken)
    {
        await access.EnsureRankingAsync(query.ParentUnit, cancellationToken);
        var from = WeekStart(query.Week)!.Value;
        var to = from.AddDays(6);
        var children = (await mediator.Send(new ListUnits(), cancellationToken)).Where(u => u.ParentCode == query.ParentUnit).ToList();
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var counted = CountedRows.For([.. children.Select(c => c.Code)], null, new ReportScope(query.ParentUnit, from, to), Grains.None);
        var counts = (await db.QueryAsync<(string Unit, long Received, long Online)>(new CommandDefinition(
                $"select receiving_unit, sum(received), sum(online) from {counted.Counters} group by 1", counted.Parameters,
                cancellationToken: cancellationToken)))
            .ToDictionary(c => c.Unit);
        var ranked = children
            .Select(u => (Unit: u, Count: counts.GetValueOrDefault(u.Code)))
            .Select(x => (x.Unit, x.Count.Received, x.Count.Online, Rate: ReportsHandler.Rate(x.Count.Online, x.Count.Received)))
            .OrderByDescending(x => x.Rate ?? -1).ThenByDescending(x => x.Received).ThenBy(x => x.Unit.Code, StringComparer.Ordinal)
            .Select((x, i) => new RankingLine(i + 1, x.Unit.Code, x.Unit.Name, x.Received, x.Online, x.Rate))
            .ToList();
        return new UnitRanking(query.ParentUnit, query.Week, from, to, ranked, await ReportsHandler.AsOfAsync(db, cancellationToken));
    }

    /// <summary>The Monday of an ISO week written "2026-W10"; null when it is not one.</summary>
    public static DateOnly? WeekStart(string? week)
    {
        var parts = week?.Split("-W") ?? [];
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && year is >= 2000 and <= 2100 && number >= 1 && number <= ISOWeek.GetWeeksInYear(year)
            ? DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Monday))
            : null;
    }
}
