using Dapper;
using Onestop.Statistics.Projections;

namespace Onestop.Statistics.Features;

/// <summary>Which periods a report may read whole from the aggregates besides days: months, months and years, or none (its rows are days or weeks).</summary>
internal enum Grains
{
    None,
    Months,
    MonthsAndYears,
}

/// <summary>
/// The rows a report sums for a scope: the whole years and months of its range from the aggregates, and the days at
/// its edges from the aggregates' days (over all procedures) or from the dossiers' own counters (the view
/// <c>statistics_dossier_counters</c>, by procedure), plus what the dossiers the projection has not passed yet changed
/// (<see cref="StatisticsAggregates.PendingChanges"/>); so a province's year reads a few thousand rows and any range
/// still counts exactly the dossiers received in it. Each row has <c>receiving_unit</c>, <c>period_start</c> (a
/// year's, month's or day's first day, or the day of receipt), <c>procedure_code</c> ('' on the aggregates' rows for
/// all procedures unless <c>byProcedure</c>) and the counters of <see cref="StatisticsAggregates.Counters"/>.
/// </summary>
internal sealed class CountedRows
{
    private readonly List<string> parts = [];
    private readonly List<string> histogramParts = [];

    private CountedRows(DynamicParameters parameters) => Parameters = parameters;

    public DynamicParameters Parameters { get; }

    /// <summary>A subquery (with its alias) of the rows carrying the counters.</summary>
    public string Counters => $"({string.Join("\n union all\n", parts)}) as counted";

    /// <summary>A subquery (with its alias) of <c>days</c> and <c>dossiers</c>: how many resolved dossiers took each number of working days.</summary>
    public string ProcessingDays => $"({string.Join("\n union all\n", histogramParts)}) as timed";

    /// <summary>The sums of every counter over <see cref="Counters"/>, as columns named like <see cref="Counted"/>'s.</summary>
    public static string Sums => string.Join(", ", StatisticsAggregates.Counters.Select(c => $"coalesce(sum({c}), 0)::bigint as {Pascal(c)}"));

    public static CountedRows For(IReadOnlyList<string> units, string[]? procedures, ReportScope scope, Grains grains, bool byProcedure = false)
    {
        var rows = new CountedRows(ReportsHandler.Parameters(units, procedures, scope));
        var (years, months, days) = Split(scope.From, scope.To, grains);
        // Over all procedures the aggregates' '' rows serve, days included; by procedure, the edge days are the dossiers' own rows.
        var allProcedures = !byProcedure && procedures is null;
        var procedureRows = allProcedures ? "procedure_code = ''" : "procedure_code <> '' and (@procedures::text[] is null or procedure_code = any(@procedures))";
        const string dossierRows = "receiving_unit = any(@units) and (@procedures::text[] is null or procedure_code = any(@procedures))";
        var pendingDays = new List<string>();
        void FromAggregates(string period, string receivedIn)
        {
            var filter = $"receiving_unit = any(@units) and {period} and {procedureRows}";
            rows.parts.Add($"select receiving_unit, period_start, procedure_code, {Columns} from statistics_counts where {filter}");
            rows.histogramParts.Add($"select days, dossiers from statistics_processing_days where {filter}");
            pendingDays.Add(receivedIn);
        }

        if (years.Length > 0)
        {
            rows.Parameters.Add("years", years);
            FromAggregates("grain = 'y' and period_start = any(@years)", "date_trunc('year', received_on)::date = any(@years)");
        }

        if (months.Length > 0)
        {
            rows.Parameters.Add("months", months);
            FromAggregates("grain = 'm' and period_start = any(@months)", "date_trunc('month', received_on)::date = any(@months)");
        }

        for (var i = 0; i < days.Count; i++)
        {
            rows.Parameters.Add($"dayFrom{i}", days[i].From);
            rows.Parameters.Add($"dayTo{i}", days[i].To);
            var between = $"between @dayFrom{i} and @dayTo{i}";
            if (allProcedures)
            {
                FromAggregates($"grain = 'd' and period_start {between}", $"received_on {between}");
            }
            else
            {
                rows.AddDossierRows($"{dossierRows} and received_on {between}", "statistics_dossier_counters");
            }
        }

        // What the dossiers the projection has not passed yet changed since the aggregates counted them (while it catches up).
        if (pendingDays.Count > 0)
        {
            var filter = $"{dossierRows} and ({string.Join(" or ", pendingDays)})";
            rows.parts.Add($"select receiving_unit, received_on as period_start, procedure_code, {string.Join(", ", StatisticsAggregates.Counters.Select(n => $"{n} * sign as {n}"))} "
                + $"from {StatisticsAggregates.PendingChanges} where {filter}");
            rows.histogramParts.Add($"select processing_days as days, sign as dossiers from {StatisticsAggregates.PendingChanges} where {filter} and processing_days is not null");
        }

        return rows;
    }

    private static string Columns => string.Join(", ", StatisticsAggregates.Counters);

    private void AddDossierRows(string filter, string from)
    {
        parts.Add($"select receiving_unit, received_on as period_start, procedure_code, {Columns} from {from} where {filter}");
        histogramParts.Add($"select processing_days as days, 1 as dossiers from {from} where {filter} and processing_days is not null");
    }

    /// <summary>
    /// The range as whole years (Grains.MonthsAndYears), whole months (unless Grains.None) and the runs of days left
    /// at its edges: at most two runs, the start of its first month and the end of its last.
    /// </summary>
    internal static (DateOnly[] Years, DateOnly[] Months, List<(DateOnly From, DateOnly To)> Days) Split(DateOnly from, DateOnly to, Grains grains)
    {
        if (grains == Grains.None)
        {
            return ([], [], [(from, to)]);
        }

        var (years, months, days) = (new List<DateOnly>(), new List<DateOnly>(), new List<(DateOnly From, DateOnly To)>());
        for (var day = from; day <= to;)
        {
            var monthEnd = new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1);
            if (grains == Grains.MonthsAndYears && day.DayOfYear == 1 && new DateOnly(day.Year, 12, 31) <= to)
            {
                years.Add(day);
                day = day.AddYears(1);
            }
            else if (day.Day == 1 && monthEnd <= to)
            {
                months.Add(day);
                day = day.AddMonths(1);
            }
            else
            {
                var end = monthEnd < to ? monthEnd : to;
                days.Add((day, end));
                day = end.AddDays(1);
            }
        }

        return ([.. years], [.. months], days);
    }

    private static string Pascal(string column) =>
        string.Concat(column.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}

/// <summary>The sums of <see cref="CountedRows.Sums"/>, in the order of <see cref="StatisticsAggregates.Counters"/>.</summary>
internal sealed record Counted(
    long Received, long Online, long Direct, long Post, long Refused, long Withdrawn, long Stopped, long OnTime, long Late, long InProgress,
    long RatingSum, long Rated, long Satisfied, long Returned, long ReturnedRemotely, long ReturnedElectronically, long Payments,
    long PaymentsOnline, long Components, long ComponentsDigitised, long ComponentsReused, long ResultsDigitised);
