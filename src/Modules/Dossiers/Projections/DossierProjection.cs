using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
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
        foreach (var stream in events.GroupBy(e => e.StreamId).Select(g => g.ToList()))
        {
            // A new dossier has no row yet: intake, the hot path, reads nothing.
            var stored = stream[0].Version == 1 ? null : await db.ExecuteScalarAsync<string?>(
                "select state::text from dossiers where id = @id", new { id = DossierStreams.IdOf(stream[0].StreamId) }, transaction);
            var state = stored is null ? null : JsonSerializer.Deserialize<Dossier>(stored, EventTypeRegistry.SerializerOptions);
            var after = new List<Dossier>(stream.Count);
            foreach (var e in stream)
            {
                state = Dossier.Apply(state, e.Data);
                after.Add(state);
            }

            // The row, the history lines and the portals' feed in one round trip.
            await using var batch = new NpgsqlBatch(db, transaction)
            {
                BatchCommands =
                {
                    Upsert(state!, stream[^1].Version, stream[^1].RecordedAt),
                    History(state!.Id, stream, after),
                    EventFeed.RecordCommand(DossierChangeFeed.Table, [.. stream.Where(DossierChangeFeed.Mirrors)], _ => state.ReceivingUnit),
                },
            };
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static NpgsqlBatchCommand Upsert(Dossier d, long version, DateTimeOffset updatedAt) => Command(
        """
        insert into dossiers (id, code, version, status, channel, procedure_code, procedure_version, procedure_name, receiving_unit,
            handling_unit, assignee, step_name, step_due_at, applicant_name, applicant_identity, portal_reference, submitted_at,
            received_at, due_at, appointment_at, paused, result_ready_at, closed_at, updated_at, state)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25::json)
        on conflict (id) do update set version = excluded.version, status = excluded.status, handling_unit = excluded.handling_unit,
            assignee = excluded.assignee, step_name = excluded.step_name, step_due_at = excluded.step_due_at,
            applicant_name = excluded.applicant_name, applicant_identity = excluded.applicant_identity,
            received_at = excluded.received_at, due_at = excluded.due_at, appointment_at = excluded.appointment_at,
            paused = excluded.paused, result_ready_at = excluded.result_ready_at, closed_at = excluded.closed_at,
            updated_at = excluded.updated_at, state = excluded.state
        """,
        (d.Id, NpgsqlDbType.Uuid), (d.Code, NpgsqlDbType.Text), (version, NpgsqlDbType.Bigint), (d.Status.ToString(), NpgsqlDbType.Text),
        (d.Channel.ToString(), NpgsqlDbType.Text), (d.Procedure.Code, NpgsqlDbType.Text), (d.Procedure.Version, NpgsqlDbType.Integer),
        (d.Procedure.Name, NpgsqlDbType.Text), (d.ReceivingUnit, NpgsqlDbType.Text), (d.HandlingUnit, NpgsqlDbType.Text),
        (d.Assignee, NpgsqlDbType.Text), (d.CurrentStep?.Name, NpgsqlDbType.Text), (Utc(d.CurrentStep?.DueAt), NpgsqlDbType.TimestampTz),
        (d.Applicant.FullName, NpgsqlDbType.Text), (PersonalData.Mask(d.Applicant.IdentityNumber), NpgsqlDbType.Text),
        (d.PortalReference, NpgsqlDbType.Text), (d.SubmittedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz), (Utc(d.ReceivedAt), NpgsqlDbType.TimestampTz),
        (Utc(d.DueAt), NpgsqlDbType.TimestampTz), (Utc(d.AppointmentAt), NpgsqlDbType.TimestampTz), (d.PausedSince is not null, NpgsqlDbType.Boolean),
        (Utc(d.ResultReadyAt), NpgsqlDbType.TimestampTz), (Utc(d.ClosedAt), NpgsqlDbType.TimestampTz), (updatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz),
        (JsonSerializer.Serialize(d, EventTypeRegistry.SerializerOptions), NpgsqlDbType.Text));

    private static NpgsqlBatchCommand History(Guid id, List<RecordedEvent> stream, List<Dossier> after) => Command(
        """
        insert into dossiers_history (dossier_id, version, type, at, actor, unit, description, status, due_at)
        select $1, * from unnest($2, $3, $4, $5, $6, $7, $8, $9)
        """,
        (id, NpgsqlDbType.Uuid),
        (stream.Select(e => e.Version).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
        (stream.Select(e => e.Type).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
        (stream.Select(e => (At(e.Data) ?? e.RecordedAt).ToUniversalTime()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
        (stream.Select(e => e.Metadata.Actor).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
        (stream.Select(e => e.Metadata.Unit).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
        (stream.Select(e => DossierTexts.Describe(e.Data)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
        (after.Select(d => d.Status.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
        (after.Select(d => Utc(d.DueAt)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz));

    private static NpgsqlBatchCommand Command(string sql, params (object? Value, NpgsqlDbType Type)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (value, type) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
        }

        return command;
    }

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
