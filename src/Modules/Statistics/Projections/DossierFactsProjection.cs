using System.Diagnostics;
using Dapper;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Domain.Calendar;
using Onestop.Catalogue.Features.Calendar;
using Onestop.Documents.Domain;
using Onestop.Dossiers.Domain;
using Onestop.EventStore;
using Onestop.EventStore.Projections;

namespace Onestop.Statistics.Projections;

/// <summary>What the statistics count of one dossier; no personal data.</summary>
internal sealed class DossierFact
{
    public Guid DossierId { get; set; }
    public string ProcedureCode { get; set; } = "";
    public string ProcedureName { get; set; } = "";
    public string ReceivingUnit { get; set; } = "";
    public string Channel { get; set; } = "";
    public DateOnly ReceivedOn { get; set; }
    public DateTime? DueAt { get; set; }
    public bool Refused { get; set; }
    public bool Withdrawn { get; set; }
    public bool Stopped { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public bool? ResolvedOnTime { get; set; }
    public int? Rating { get; set; }
    public string? ReturnedBy { get; set; }
    public DateTime? ReceivedAt { get; set; }
    public int Payments { get; set; }
    public int PaymentsOnline { get; set; }
    public int? ProcessingDays { get; set; }
    public string[] ComponentCodes { get; set; } = [];
    public string[] DigitisedComponents { get; set; } = [];
    public string[] ReusedComponents { get; set; } = [];
    public bool ResultDigitised { get; set; }
}

/// <summary>
/// Folds the dossiers' events, and their documents' attachments and results, from the global log into one fact row
/// per dossier, and keeps the aggregates the reports sum (<see cref="StatisticsAggregates"/>). A batch is applied
/// with two round trips whatever its size (read the rows it touches; list them as pending with their images and
/// write them back), and a pass at the end of the log adds what the pending dossiers changed, so a rebuild of the log
/// runs near the speed of the log's read. Resolved means the result is ready (đã xử lý xong), on time when by the due
/// date then in force (supplement pauses included).
/// </summary>
internal sealed class DossierFactsProjection(WorkingCalendarService calendars) : IAsyncProjection
{
    /// <summary>
    /// Dossiers listed as pending since the last pass by this instance, -1 before its first pass (a previous process
    /// may have left some). An estimate when a transaction rolls back; it decides when a pass is due and how it
    /// empties the list, and reports stay exact whatever it says (they read the list).
    /// </summary>
    private int pendingSincePass = -1;

    private long lastPass = Stopwatch.GetTimestamp();

    /// <summary>Set by a reset: the rebuild that follows passes as soon as it reaches the end, whenever the last pass was (one on the way included).</summary>
    private bool passNow;

    private static readonly TimeSpan PassInterval = TimeSpan.FromSeconds(1);

    public string Name => StatisticsModule.ProjectionName;

    /// <summary>A batch costs a fixed number of statements, so a rebuild reads the log in large ones.</summary>
    public int? RebuildBatchSize => 5_000;

    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var counted = events.Select(e => (Dossier: DossierOf(e), Event: e)).Where(x => x.Dossier is not null).ToList();
        if (counted.Count == 0)
        {
            return;
        }

        var db = transaction.Connection!;
        var ids = counted.Select(x => x.Dossier!.Value).Distinct().ToArray();
        var facts = (await db.QueryAsync<DossierFact>(new CommandDefinition(
                $"select {Columns} from statistics_dossiers where dossier_id = any(@ids)", new { ids }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(f => f.DossierId);
        // One calendar for the batch's years: processing time is counted in working days when a result is projected.
        var years = counted.Select(x => x.Event.RecordedAt.Year).ToList();
        var calendar = await calendars.LoadAsync(years.Min() - 1, years.Max() + 1, cancellationToken);
        foreach (var (dossier, e) in counted)
        {
            Apply(facts, dossier!.Value, e.Data, e.Metadata.Actor, calendar);
        }

        // The writes in one round trip, after every read: the transaction holds back the log's gap-free readers from
        // its first write to its commit.
        await WriteAsync(db, transaction, facts.Values, cancellationToken);
        pendingSincePass = Math.Max(pendingSincePass, 0) + facts.Count;
        if (pendingSincePass >= StatisticsAggregates.MaxPending)
        {
            await PassAsync(transaction, cancellationToken);
        }
    }

    /// <summary>
    /// At the end of the log (in a transaction of its own): what the pending dossiers changed goes into the
    /// aggregates, at most once per <see cref="PassInterval"/> while batches keep coming (the runner calls again when
    /// the log is idle), so that live intake pays for one short pass a second rather than one per batch.
    /// </summary>
    public async Task CaughtUpAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (pendingSincePass != 0 && (passNow || pendingSincePass < 0 || Stopwatch.GetElapsedTime(lastPass) >= PassInterval))
        {
            await PassAsync(transaction, cancellationToken);
            passNow = false;
        }
    }

    private async Task PassAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await StatisticsAggregates.PassAsync(transaction, pendingSincePass is < 0 or >= StatisticsAggregates.TruncateFrom, cancellationToken);
        (pendingSincePass, lastPass) = (0, Stopwatch.GetTimestamp());
    }

    public Task ResetAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        passNow = true;
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"truncate statistics_dossiers; {StatisticsAggregates.ResetSql}", transaction: transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The dossier an event counts for: its own stream's, or the one a document is attached to or is the result of.</summary>
    private static Guid? DossierOf(RecordedEvent e) => e.Data switch
    {
        DocumentAttachedToDossier a => a.DossierId,
        DocumentMarkedAsResult r => r.DossierId,
        _ when e.StreamId.StartsWith("dossier-", StringComparison.Ordinal) => Guid.Parse(e.StreamId["dossier-".Length..]),
        _ => null,
    };

    private const string Columns =
        "dossier_id as DossierId, procedure_code as ProcedureCode, procedure_name as ProcedureName, receiving_unit as ReceivingUnit, "
        + "channel as Channel, received_on as ReceivedOn, due_at as DueAt, refused as Refused, withdrawn as Withdrawn, stopped as Stopped, "
        + "resolved_at as ResolvedAt, resolved_on_time as ResolvedOnTime, rating as Rating, returned_by as ReturnedBy, received_at as ReceivedAt, "
        + "payments as Payments, payments_online as PaymentsOnline, processing_days as ProcessingDays, component_codes as ComponentCodes, "
        + "digitised_components as DigitisedComponents, reused_components as ReusedComponents, result_digitised as ResultDigitised";

    private static void Apply(Dictionary<Guid, DossierFact> facts, Guid id, object data, string? actor, WorkingCalendar calendar)
    {
        switch (data)
        {
            case DossierSubmittedOnline s:
                facts[id] = New(id, s.Procedure, s.ReceivingUnit, IntakeChannel.Online, s.At, null, s.Components);
                return;
            case DossierReceived r:
                facts[id] = New(id, r.Procedure, r.ReceivingUnit, r.Channel, r.At, r.DueAt, r.Components);
                facts[id].ReceivedAt = r.At.UtcDateTime;
                return;
        }

        if (!facts.TryGetValue(id, out var fact))
        {
            return;
        }

        switch (data)
        {
            case OnlineDossierAccepted a:
                fact.DueAt = a.DueAt.UtcDateTime;
                fact.ReceivedAt = a.At.UtcDateTime;
                break;
            case DeadlineExtended d:
                fact.DueAt = d.DueAt.UtcDateTime;
                break;
            case DossierRefused:
                fact.Refused = true;
                break;
            case DossierWithdrawn:
                fact.Withdrawn = true;
                break;
            case ProcessingStopped:
                fact.Stopped = true;
                break;
            case ResultReady r:
                fact.ResolvedAt = r.At.UtcDateTime;
                fact.ResolvedOnTime = fact.DueAt is { } due && r.At.UtcDateTime <= due;
                fact.ProcessingDays = fact.ReceivedAt is { } started
                    ? Deadlines.WorkingDaysBetween(calendar, new DateTimeOffset(DateTime.SpecifyKind(started, DateTimeKind.Utc)), r.At)
                    : null;
                break;
            case DossierRated rated:
                fact.Rating = rated.Score;
                break;
            case FeePaid paid:
                fact.Payments++;
                fact.PaymentsOnline += PaidOnline(paid, actor) ? 1 : 0;
                break;
            case ResultReturned returned:
                fact.ReturnedBy = returned.Method.ToString();
                break;
            case SupplementReceived supplement:
                fact.ComponentCodes = [.. fact.ComponentCodes.Union(supplement.Components.Select(c => c.Code))];
                break;
            case DocumentAttachedToDossier attached when fact.ComponentCodes.Contains(attached.ComponentCode):
                fact.DigitisedComponents = [.. fact.DigitisedComponents.Append(attached.ComponentCode).Distinct()];
                if (attached.Consent is not null)
                {
                    fact.ReusedComponents = [.. fact.ReusedComponents.Append(attached.ComponentCode).Distinct()];
                }

                break;
            case DocumentMarkedAsResult:
                fact.ResultDigitised = true;
                break;
        }
    }

    /// <summary>Recorded by an integrating system (a portal's payment service), or by an official as paid online.</summary>
    private static bool PaidOnline(FeePaid paid, string? actor) =>
        actor?.StartsWith("system:", StringComparison.Ordinal) == true
        || paid.Method.Contains("trực tuyến", StringComparison.OrdinalIgnoreCase) || paid.Method.Contains("online", StringComparison.OrdinalIgnoreCase);

    private static DossierFact New(
        Guid id, ProcedureRef procedure, string unit, IntakeChannel channel, DateTimeOffset at, DateTimeOffset? due, IReadOnlyList<ReceivedComponent> components) => new()
    {
        DossierId = id, ProcedureCode = procedure.Code, ProcedureName = procedure.Name, ReceivingUnit = unit, Channel = channel.ToString(),
        ReceivedOn = Deadlines.LocalDate(at), DueAt = due?.UtcDateTime, ComponentCodes = [.. components.Select(c => c.Code).Distinct()],
    };

    /// <summary>
    /// Lists the facts as pending with the images the aggregates count, writes them back, and the names of their
    /// procedures. The text[] columns go as one delimited string each (Npgsql cannot send an array of arrays), split
    /// again in SQL; component codes never hold the separator.
    /// </summary>
    private static Task WriteAsync(NpgsqlConnection db, NpgsqlTransaction transaction, ICollection<DossierFact> facts, CancellationToken cancellationToken) =>
        db.ExecuteAsync(new CommandDefinition(
            $$"""
            {{StatisticsAggregates.ListPendingSql}};
            insert into statistics_dossiers (dossier_id, procedure_code, procedure_name, receiving_unit, channel, received_on, due_at, refused,
                withdrawn, stopped, resolved_at, resolved_on_time, rating, returned_by, received_at, payments, payments_online, processing_days,
                component_codes, digitised_components, reused_components, result_digitised)
            select f.id, f.code, f.name, f.unit, f.channel, f.day, f.due, f.refused, f.withdrawn, f.stopped, f.resolved, f.on_time, f.rating, f.returned,
                   f.received_at, f.payments, f.payments_online, f.processing_days, string_to_array(f.components, @separator),
                   string_to_array(f.digitised, @separator), string_to_array(f.reused, @separator), f.result_digitised
              from unnest(@ids, @codes, @names, @units, @channels, @days::date[], @dues::timestamptz[], @refused, @withdrawn, @stopped,
                @resolved::timestamptz[], @onTime::boolean[], @ratings::int[], @returns::text[], @receivedAt::timestamptz[], @payments, @paymentsOnline,
                @processingDays::int[], @components, @digitised, @reused, @resultDigitised)
                as f (id, code, name, unit, channel, day, due, refused, withdrawn, stopped, resolved, on_time, rating, returned, received_at, payments,
                      payments_online, processing_days, components, digitised, reused, result_digitised)
            on conflict (dossier_id) do update set due_at = excluded.due_at, refused = excluded.refused, withdrawn = excluded.withdrawn,
                stopped = excluded.stopped, resolved_at = excluded.resolved_at, resolved_on_time = excluded.resolved_on_time, rating = excluded.rating,
                returned_by = excluded.returned_by, received_at = excluded.received_at, payments = excluded.payments,
                payments_online = excluded.payments_online, processing_days = excluded.processing_days, component_codes = excluded.component_codes,
                digitised_components = excluded.digitised_components, reused_components = excluded.reused_components,
                result_digitised = excluded.result_digitised;
            insert into statistics_procedures (procedure_code, procedure_name)
            select distinct on (code) code, name from unnest(@codes, @names) as p (code, name)
            on conflict (procedure_code) do update set procedure_name = excluded.procedure_name
                where statistics_procedures.procedure_name <> excluded.procedure_name
            """,
            new
            {
                ids = facts.Select(f => f.DossierId).ToArray(), codes = facts.Select(f => f.ProcedureCode).ToArray(),
                names = facts.Select(f => f.ProcedureName).ToArray(), units = facts.Select(f => f.ReceivingUnit).ToArray(),
                channels = facts.Select(f => f.Channel).ToArray(), days = facts.Select(f => f.ReceivedOn).ToArray(),
                dues = facts.Select(f => Utc(f.DueAt)).ToArray(), refused = facts.Select(f => f.Refused).ToArray(),
                withdrawn = facts.Select(f => f.Withdrawn).ToArray(), stopped = facts.Select(f => f.Stopped).ToArray(),
                resolved = facts.Select(f => Utc(f.ResolvedAt)).ToArray(), onTime = facts.Select(f => f.ResolvedOnTime).ToArray(),
                ratings = facts.Select(f => f.Rating).ToArray(), returns = facts.Select(f => f.ReturnedBy).ToArray(),
                receivedAt = facts.Select(f => Utc(f.ReceivedAt)).ToArray(), payments = facts.Select(f => f.Payments).ToArray(),
                paymentsOnline = facts.Select(f => f.PaymentsOnline).ToArray(), processingDays = facts.Select(f => f.ProcessingDays).ToArray(),
                components = facts.Select(f => string.Join(Separator, f.ComponentCodes)).ToArray(),
                digitised = facts.Select(f => string.Join(Separator, f.DigitisedComponents)).ToArray(),
                reused = facts.Select(f => string.Join(Separator, f.ReusedComponents)).ToArray(),
                resultDigitised = facts.Select(f => f.ResultDigitised).ToArray(), separator = Separator,
            },
            transaction, cancellationToken: cancellationToken));

    private const string Separator = "\u001f";

    /// <summary>
    /// As an offset of zero: Npgsql always writes a DateTimeOffset as timestamptz, whereas an array of nullable DateTime
    /// whose first element is null is typed as timestamp without time zone and then refuses its UTC values.
    /// </summary>
    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
