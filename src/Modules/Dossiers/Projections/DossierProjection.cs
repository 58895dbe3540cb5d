using System.Text.Json;
using Dapper;
using Npgsql;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Sync;
using Onestop.EventStore;
using Onestop.EventStore.Feeds;
using Onestop.EventStore.Projections;

namespace Onestop.Dossiers.Projections;

/// <summary>
/// Keeps the dossier row (queues, detail), its plain-Vietnamese history and the portals' change feed in step with
/// the stream, in the append's transaction.
/// </summary>
internal sealed class DossierProjection : IInlineProjection
{
    public IReadOnlySet<string> StreamTypes { get; } = new HashSet<string> { DossierStreams.Type };

    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var db = transaction.Connection!;
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            var stored = await db.ExecuteScalarAsync<string?>(
                "select state::text from dossiers where id = @id", new { id = DossierStreams.IdOf(stream.Key) }, transaction);
            var state = stored is null ? null : JsonSerializer.Deserialize<Dossier>(stored, EventTypeRegistry.SerializerOptions);
            var after = new List<Dossier>();
            foreach (var e in stream)
            {
                state = Dossier.Apply(state, e.Data);
                after.Add(state);
            }

            await SaveAsync(db, transaction, state!, stream.Last().Version, stream.Last().RecordedAt);
            await db.ExecuteAsync(
                """
                insert into dossiers_history (dossier_id, version, type, at, actor, unit, description, status, due_at)
                select @id, * from unnest(@versions, @types, @ats, @actors, @units, @descriptions, @statuses, @dues)
                """,
                new
                {
                    id = state!.Id,
                    versions = stream.Select(e => e.Version).ToArray(),
                    types = stream.Select(e => e.Type).ToArray(),
                    ats = stream.Select(e => (At(e.Data) ?? e.RecordedAt).ToUniversalTime()).ToArray(),
                    actors = stream.Select(e => e.Metadata.Actor).ToArray(),
                    units = stream.Select(e => e.Metadata.Unit).ToArray(),
                    descriptions = stream.Select(e => DossierTexts.Describe(e.Data)).ToArray(),
                    statuses = after.Select(d => d.Status.ToString()).ToArray(),
                    dues = after.Select(d => Utc(d.DueAt)).ToArray(),
                },
                transaction);
            await EventFeed.RecordAsync(transaction, DossierChangeFeed.Table, [.. stream.Where(DossierChangeFeed.Mirrors)],
                _ => state.ReceivingUnit, cancellationToken);
        }
    }

    private static Task SaveAsync(NpgsqlConnection db, NpgsqlTransaction transaction, Dossier d, long version, DateTimeOffset updatedAt) =>
        db.ExecuteAsync(
            """
            insert into dossiers (id, code, version, status, channel, procedure_code, procedure_version, procedure_name, receiving_unit,
                handling_unit, assignee, step_name, step_due_at, applicant_name, applicant_identity, portal_reference, submitted_at,
                received_at, due_at, appointment_at, paused, result_ready_at, closed_at, updated_at, state)
            values (@Id, @Code, @version, @status, @channel, @procedureCode, @procedureVersion, @procedureName, @ReceivingUnit,
                @HandlingUnit, @Assignee, @stepName, @stepDue, @applicantName, @identity, @PortalReference, @SubmittedAt,
                @ReceivedAt, @DueAt, @AppointmentAt, @paused, @ResultReadyAt, @ClosedAt, @updatedAt, @state::jsonb)
            on conflict (id) do update set version = excluded.version, status = excluded.status, handling_unit = excluded.handling_unit,
                assignee = excluded.assignee, step_name = excluded.step_name, step_due_at = excluded.step_due_at,
                applicant_name = excluded.applicant_name, applicant_identity = excluded.applicant_identity,
                received_at = excluded.received_at, due_at = excluded.due_at, appointment_at = excluded.appointment_at,
                paused = excluded.paused, result_ready_at = excluded.result_ready_at, closed_at = excluded.closed_at,
                updated_at = excluded.updated_at, state = excluded.state
            """,
            new
            {
                d.Id, d.Code, version, status = d.Status.ToString(), channel = d.Channel.ToString(), procedureCode = d.Procedure.Code,
                procedureVersion = d.Procedure.Version, procedureName = d.Procedure.Name, d.ReceivingUnit, d.HandlingUnit, d.Assignee,
                stepName = d.CurrentStep?.Name, stepDue = Utc(d.CurrentStep?.DueAt), applicantName = d.Applicant.FullName,
                identity = PersonalData.Mask(d.Applicant.IdentityNumber), d.PortalReference, SubmittedAt = d.SubmittedAt.ToUniversalTime(), ReceivedAt = Utc(d.ReceivedAt),
                DueAt = Utc(d.DueAt), AppointmentAt = Utc(d.AppointmentAt), paused = d.PausedSince is not null,
                ResultReadyAt = Utc(d.ResultReadyAt), ClosedAt = Utc(d.ClosedAt), updatedAt = updatedAt.ToUniversalTime(),
                state = JsonSerializer.Serialize(d, EventTypeRegistry.SerializerOptions),
            },
            transaction);

    /// <summary>Npgsql writes a DateTimeOffset to timestamptz only with offset zero.</summary>
    private static DateTimeOffset? Utc(DateTimeOffset? value) => value?.ToUniversalTime();

    private static DateTimeOffset? At(object data) => data.GetType().GetProperty("At")?.GetValue(data) as DateTimeOffset?;
}

/// <summary>Stream type and ids of dossiers: one stream per dossier, keyed by its id.</summary>
public static class DossierStreams
{
    public const string Type = "dossier";

    public static string Id(Guid dossierId) => $"dossier-{dossierId:D}";

    public static Guid IdOf(string streamId) => Guid.Parse(streamId["dossier-".Length..]);
}
