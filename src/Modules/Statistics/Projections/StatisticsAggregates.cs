using Dapper;
using Npgsql;

namespace Onestop.Statistics.Projections;

/// <summary>
/// The aggregates of Sql/0006_aggregates.sql and 0007: <c>statistics_counts</c> and <c>statistics_processing_days</c>,
/// per unit, period of receipt and procedure, kept from <c>statistics_counters(row)</c>, which defines what one
/// dossier's row adds. Before a batch first changes a dossier's row after a pass, it lists the dossier in
/// <c>statistics_pending</c> with the image of the row the aggregates count (none for a new dossier); the pass adds
/// every pending dossier's row and takes its image away, one upsert per key, in a transaction of its own. A batch's
/// transaction thus stays short (it holds back the log's gap-free readers while it writes), and a rebuild adds a
/// million dossiers in one pass. The aggregates plus the pending rows minus their images always equal the sum over
/// the fact rows (tested); reports add that difference in.
/// </summary>
internal static class StatisticsAggregates
{
    /// <summary>The counter columns of <c>statistics_counters</c> and <c>statistics_counts</c>, in one place for the upkeep and the reports.</summary>
    public static readonly IReadOnlyList<string> Counters =
    [
        "received", "online", "direct", "post", "refused", "withdrawn", "stopped", "on_time", "late", "in_progress", "rating_sum", "rated",
        "satisfied", "returned", "returned_remotely", "returned_electronically", "payments", "payments_online", "components",
        "components_digitised", "components_reused", "results_digitised",
    ];

    /// <summary>Past this many listed dossiers the pass runs even before the end of the log, so reports stay quick.</summary>
    public const int MaxPending = 1_000_000;

    /// <summary>From this many listed dossiers the pass truncates the list rather than deleting it.</summary>
    public const int TruncateFrom = 10_000;

    /// <summary>
    /// What the pending dossiers change in the aggregates, as signed rows: each one's row now (sign 1) and the image
    /// the aggregates count (sign -1), with <c>receiving_unit</c>, <c>received_on</c>, <c>procedure_code</c>,
    /// <c>processing_days</c>, <c>sign</c> and the counters; aliased <c>c</c>.
    /// </summary>
    public static readonly string PendingChanges =
        $"""
        (select c.receiving_unit, c.received_on, c.procedure_code, c.processing_days, 1 as sign, {string.Join(", ", Counters.Select(n => "c." + n))}
           from statistics_pending p join statistics_dossier_counters c on c.dossier_id = p.dossier_id
         union all
         select (p.counted).receiving_unit, (p.counted).received_on, (p.counted).procedure_code, o.processing_days, -1, {string.Join(", ", Counters.Select(n => "o." + n))}
           from statistics_pending p cross join lateral statistics_counters(p.counted) o
          where (p.counted).dossier_id is not null) c
        """;

    /// <summary>Each changed row's keys: its day (all procedures), its month and its year (its procedure and all).</summary>
    private const string Keys =
        """
          cross join lateral (values ('d', c.received_on, ''),
                                     ('m', date_trunc('month', c.received_on)::date, c.procedure_code), ('m', date_trunc('month', c.received_on)::date, ''),
                                     ('y', date_trunc('year', c.received_on)::date, c.procedure_code), ('y', date_trunc('year', c.received_on)::date, ''))
              k (grain, period_start, code)
        """;

    private static readonly string PassSql =
        $"""
        insert into statistics_counts as t (receiving_unit, grain, period_start, procedure_code, {string.Join(", ", Counters)})
        select c.receiving_unit, k.grain, k.period_start, k.code, {string.Join(", ", Counters.Select(n => $"sum(c.{n} * c.sign)"))}
          from {PendingChanges}
        {Keys}
         group by 1, 2, 3, 4
        on conflict (receiving_unit, grain, period_start, procedure_code) do update
           set {string.Join(", ", Counters.Select(n => $"{n} = t.{n} + excluded.{n}"))};
        insert into statistics_processing_days as t (receiving_unit, grain, period_start, procedure_code, days, dossiers)
        select c.receiving_unit, k.grain, k.period_start, k.code, c.processing_days, sum(c.sign)
          from {PendingChanges}
        {Keys}
         where c.processing_days is not null
         group by 1, 2, 3, 4, 5
        on conflict (receiving_unit, grain, period_start, procedure_code, days) do update set dossiers = t.dossiers + excluded.dossiers
        """;

    /// <summary>
    /// Lists the dossiers <c>@ids</c> as pending with the image of their rows before the batch writes them; one already
    /// pending keeps the image the aggregates count. Runs before the rows are written.
    /// </summary>
    public const string ListPendingSql =
        """
        insert into statistics_pending (dossier_id, counted)
        select i.id, case when d.dossier_id is null then null else d end
          from unnest(@ids) as i (id) left join statistics_dossiers d on d.dossier_id = i.id
        on conflict (dossier_id) do nothing
        """;

    /// <summary>
    /// Adds what the pending dossiers changed to the aggregates and empties the list, in one round trip. A short list
    /// is deleted, so that reports reading it meanwhile are not blocked; a long one (after a rebuild) is truncated,
    /// so that reports do not scan a million dead rows until the next vacuum: its lock lasts until the commit.
    /// </summary>
    public static Task PassAsync(NpgsqlTransaction transaction, bool many, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"{PassSql};\n{(many ? "truncate statistics_pending" : "delete from statistics_pending")}",
            transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));

    /// <summary>Empties the aggregates with the facts, for a rebuild.</summary>
    public const string ResetSql = "truncate statistics_counts, statistics_processing_days, statistics_procedures, statistics_pending";
}
