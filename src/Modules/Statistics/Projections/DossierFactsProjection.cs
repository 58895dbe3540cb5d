using Dapper;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Domain.Calendar;
using Onestop.Catalogue.Features.Calendar;
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
}

/// <summary>
/// Folds the dossiers' events from the global log into one fact row per dossier. A batch is applied with two
/// statements whatever its size (read the rows it touches, write them back), so a rebuild of the log runs at the
/// speed of the log's read. Resolved means the result is ready (đã xử lý xong), on time when by the due date then in
/// force (supplement pauses included).
/// </summary>
internal sealed class DossierFactsProjection(WorkingCalendarService calendars) : IAsyncProjection
{
    public string Name => StatisticsModule.ProjectionName;

    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var dossierEvents = events.Where(e => e.StreamId.StartsWith("dossier-", StringComparison.Ordinal)).ToList();
        if (dossierEvents.Count == 0)
        {
            return;
        }

        var db = transaction.Connection!;
        var ids = dossierEvents.Select(e => Guid.Parse(e.StreamId["dossier-".Length..])).Distinct().ToArray();
        var facts = (await db.QueryAsync<DossierFact>(new CommandDefinition(
                $"select {Columns} from statistics_dossiers where dossier_id = any(@ids)", new { ids }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(f => f.DossierId);
        // One calendar for the batch's years: processing time is counted in working days when a result is projected.
        var years = dossierEvents.Select(e => e.RecordedAt.Year).ToList();
        var calendar = await calendars.LoadAsync(years.Min() - 1, years.Max() + 1, cancellationToken);
        foreach (var e in dossierEvents)
        {
            Apply(facts, Guid.Parse(e.StreamId["dossier-".Length..]), e.Data, e.Metadata.Actor, calendar);
        }

        await UpsertAsync(db, transaction, facts.Values, cancellationToken);
    }

    public Task ResetAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("truncate statistics_dossiers", transaction: transaction, cancellationToken: cancellationToken));

    private const string Columns =
        "dossier_id as DossierId, procedure_code as ProcedureCode, procedure_name as ProcedureName, receiving_unit as ReceivingUnit, "
        + "channel as Channel, received_on as ReceivedOn, due_at as DueAt, refused as Refused, withdrawn as Withdrawn, stopped as Stopped, "
        + "resolved_at as ResolvedAt, resolved_on_time as ResolvedOnTime, rating as Rating, returned_by as ReturnedBy, received_at as ReceivedAt, "
        + "payments as Payments, payments_online as PaymentsOnline, processing_days as ProcessingDays";

    private static void Apply(Dictionary<Guid, DossierFact> facts, Guid id, object data, string? actor, WorkingCalendar calendar)
    {
        switch (data)
        {
            case DossierSubmittedOnline s:
                facts[id] = New(id, s.Procedure, s.ReceivingUnit, IntakeChannel.Online, s.At, null);
                return;
            case DossierReceived r:
                facts[id] = New(id, r.Procedure, r.ReceivingUnit, r.Channel, r.At, r.DueAt);
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
        }
    }

    /// <summary>Recorded by an integrating system (a portal's payment service), or by an official as paid online.</summary>
    private static bool PaidOnline(FeePaid paid, string? actor) =>
        actor?.StartsWith("system:", StringComparison.Ordinal) == true
        || paid.Method.Contains("trực tuyến", StringComparison.OrdinalIgnoreCase) || paid.Method.Contains("online", StringComparison.OrdinalIgnoreCase);

    private static DossierFact New(Guid id, ProcedureRef procedure, string unit, IntakeChannel channel, DateTimeOffset at, DateTimeOffset? due) => new()
    {
        DossierId = id, ProcedureCode = procedure.Code, ProcedureName = procedure.Name, ReceivingUnit = unit, Channel = channel.ToString(),
        ReceivedOn = Deadlines.LocalDate(at), DueAt = due?.UtcDateTime,
    };

    private static Task UpsertAsync(NpgsqlConnection db, NpgsqlTransaction transaction, ICollection<DossierFact> facts, CancellationToken cancellationToken) =>
        db.ExecuteAsync(new CommandDefinition(
            """
            insert into statistics_dossiers (dossier_id, procedure_code, procedure_name, receiving_unit, channel, received_on, due_at, refused,
                withdrawn, stopped, resolved_at, resolved_on_time, rating, returned_by, received_at, payments, payments_online, processing_days)
            select * from unnest(@ids, @codes, @names, @units, @channels, @days::date[], @dues::timestamptz[], @refused, @withdrawn, @stopped,
                @resolved::timestamptz[], @onTime::boolean[], @ratings::int[], @returns::text[], @receivedAt::timestamptz[], @payments, @paymentsOnline, @processingDays::int[])
            on conflict (dossier_id) do update set due_at = excluded.due_at, refused = excluded.refused, withdrawn = excluded.withdrawn,
                stopped = excluded.stopped, resolved_at = excluded.resolved_at, resolved_on_time = excluded.resolved_on_time, rating = excluded.rating,
                returned_by = excluded.returned_by, received_at = excluded.received_at, payments = excluded.payments,
                payments_online = excluded.payments_online, processing_days = excluded.processing_days
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
            },
            transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// As an offset of zero: Npgsql always writes a DateTimeOffset as timestamptz, whereas an array of nullable DateTime
    /// whose first element is null is typed as timestamp without time zone and then refuses its UTC values.
    /// </summary>
    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
