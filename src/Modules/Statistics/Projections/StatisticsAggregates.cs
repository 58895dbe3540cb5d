using Dapper;
using Npgsql;

namespace Onestop.Statistics.Projections;

/// <summary>
/// The aggregates of Sql/0006_aggregates.sql: <c>statistics_counts</c> and <c>statistics_processing_days</c>, per
/// unit, period of receipt and procedure, kept from the view <c>statistics_dossier_counters</c>, which defines what
/// one dossier adds. Before a batch changes a dossier's row its counters are taken out of the aggregates; the
/// dossier is then listed in <c>statistics_pending</c> until its counters are added back, in one set-based pass over
/// everything listed. The runner asks for that pass when it reaches the end of the log, so live batches add their
/// dossiers at once while a rebuild adds a million of them in one go. The aggregates plus the listed dossiers'
/// counters always equal the sum over the fact rows (tested).
/// </summary>
internal static class StatisticsAggregates
{
    /// <summary>The columns of <c>statistics_counts</c> and of the view, in one place for the upkeep and the reports.</summary>
    public static readonly IReadOnlyList<string> Counters =
    [
        "received", "online", "direct", "post", "refused", "withdrawn", "stopped", "on_time", "late", "in_progress", "rating_sum", "rated",
        "satisfied", "returned", "returned_remotely", "returned_electronically", "payments", "payments_online", "components",
        "components_digitised", "components_reused", "results_digitised",
    ];

    /// <summary>Past this many listed dossiers the pass runs even before the end of the log, so reports stay quick.</summary>
    public const int MaxPending = 1_000_000;

    /// <summary>Each fact row's keys: its day (all procedures), its month and its year (its procedure and all).</summary>
    private const string Keys =
        """
          cross join lateral (values ('d', c.received_on, ''),
                                     ('m', date_trunc('month', c.received_on)::date, c.procedure_code), ('m', date_trunc('month', c.received_on)::date, ''),
                                     ('y', date_trunc('year', c.received_on)::date, c.procedure_code), ('y', date_trunc('year', c.received_on)::date, ''))
              k (grain, period_start, code)
        """;

    private static string AddCounters(string rows, string sign) =>
        $"""
        insert into statistics_counts as t (receiving_unit, grain, period_start, procedure_code, {string.Join(", ", Counters)})
        select c.receiving_unit, k.grain, k.period_start, k.code, {string.Join(", ", Counters.Select(n => $"sum(c.{n}) * {sign}"))}
          from {rows}
        {Keys}
         group by 1, 2, 3, 4
        on conflict (receiving_unit, grain, period_start, procedure_code) do update
           set {string.Join(", ", Counters.Select(n => $"{n} = t.{n} + excluded.{n}"))}
        """;

    private static string AddProcessingDays(string rows, string sign) =>
        $"""
        insert into statistics_processing_days as t (receiving_unit, grain, period_start, procedure_code, days, dossiers)
        select c.receiving_unit, k.grain, k.period_start, k.code, c.processing_days, count(*) * {sign}
          from {rows}
        {Keys}
         where c.processing_days is not null
         group by 1, 2, 3, 4, 5
        on conflict (receiving_unit, grain, period_start, procedure_code, days) do update set dossiers = t.dossiers + excluded.dossiers
        """;

    /// <summary>The given dossiers' rows whose counters are in the aggregates (those not listed as pending).</summary>
    private const string Counted =
        """
        (select * from statistics_dossier_counters d
          where d.dossier_id = any(@ids) and not exists (select from statistics_pending p where p.dossier_id = d.dossier_id)) c
        """;

    private const string Pending = "statistics_pending p join statistics_dossier_counters c on c.dossier_id = p.dossier_id";

    private static readonly string TakeOutSql = $"{AddCounters(Counted, "-1")};\n{AddProcessingDays(Counted, "-1")}";

    private static readonly string AddPendingSql = $"{AddCounters(Pending, "1")};\n{AddProcessingDays(Pending, "1")}";

    /// <summary>
    /// A short list is deleted, so that reports reading it meanwhile are not blocked; a long one (after a rebuild) is
    /// truncated, so that reports do not scan a million dead rows until the next vacuum: the lock it takes lasts only
    /// until the batch's transaction commits.
    /// </summary>
    private const int TruncateFrom = 10_000;

    /// <summary>Takes the counters of these dossiers' current rows out of the aggregates (those not already pending).</summary>
    public static Task TakeOutAsync(NpgsqlTransaction transaction, Guid[] ids, CancellationToken cancellationToken) =>
        ids.Length == 0
            ? Task.CompletedTask
            : transaction.Connection!.ExecuteAsync(new CommandDefinition(TakeOutSql, new { ids }, transaction, cancellationToken: cancellationToken));

    /// <summary>Lists the dossiers as pending: their rows were (re)written and their counters are not in the aggregates.</summary>
    public static Task ListPendingAsync(NpgsqlTransaction transaction, Guid[] ids, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "insert into statistics_pending (dossier_id) select unnest(@ids) on conflict do nothing", new { ids }, transaction, cancellationToken: cancellationToken));

    /// <summary>Adds the counters of every pending dossier to the aggregates and empties the list.</summary>
    public static async Task AddPendingAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var db = transaction.Connection!;
        var pending = await db.ExecuteScalarAsync<long>(new CommandDefinition(
            $"select count(*) from (select from statistics_pending limit {TruncateFrom}) p", transaction: transaction, cancellationToken: cancellationToken));
        if (pending > 0)
        {
            await db.ExecuteAsync(new CommandDefinition(AddPendingSql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
            await db.ExecuteAsync(new CommandDefinition(
                pending < TruncateFrom ? "delete from statistics_pending" : "truncate statistics_pending", transaction: transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Empties the aggregates with the facts, for a rebuild.</summary>
    public const string ResetSql = "truncate statistics_counts, statistics_processing_days, statistics_procedures, statistics_pending";
}
