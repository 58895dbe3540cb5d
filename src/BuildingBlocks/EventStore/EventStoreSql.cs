using Npgsql;
using NpgsqlTypes;
using Onestop.EventStore.Hashing;

namespace Onestop.EventStore;

/// <summary>The read statements behind the public API, shared by one-shot calls and sessions.</summary>
internal static class EventStoreSql
{
    private const string EventColumns = "position, tx_id, stream_id, version, event_id, type, data, metadata, recorded_at, hash";

    /// <summary>The columns <see cref="ReadEventsAsync"/> expects, qualified by a table alias (for joins).</summary>
    public const string AliasedEventColumns = "e.position, e.tx_id, e.stream_id, e.version, e.event_id, e.type, e.data, e.metadata, e.recorded_at, e.hash";

    public static async Task<List<RecordedEvent>> ReadStreamAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, EventTypeRegistry types,
        string streamId, StreamReadOptions options, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select {EventColumns} from es_events
            where stream_id = $1 and version >= $2 and ($3::bigint is null or version <= $3)
              and ($4::timestamptz is null or recorded_at <= $4)
            order by version
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = options.FromVersion, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = (object?)options.ToVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = (object?)options.Until ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            },
        };
        return await ReadEventsAsync(command, types, cancellationToken);
    }

    /// <summary>
    /// The gap-free read: only events of transactions older than every transaction still running, in
    /// (transaction id, position) order. A transaction that commits late has a smaller id than the
    /// snapshot's xmin only once it has finished, so it is read after the checkpoint, never skipped.
    /// </summary>
    public static async Task<List<RecordedEvent>> ReadAllAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, EventTypeRegistry types,
        GlobalCheckpoint after, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select {EventColumns} from es_events
            where (tx_id, position) > ($1, $2) and tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by tx_id, position
            limit $3
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 },
                new() { Value = after.Position, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = maxCount, NpgsqlDbType = NpgsqlDbType.Integer },
            },
        };
        return await ReadEventsAsync(command, types, cancellationToken);
    }

    public static async Task<StreamHead?> GetStreamAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string streamId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select s.id, s.type, coalesce(e.version, 0), e.hash, s.archived, s.created_at
            from es_streams s
            left join lateral (select version, hash from es_events where stream_id = s.id order by version desc limit 1) e on true
            where s.id = $1
            """, connection, transaction)
        {
            Parameters = { new() { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StreamHead(reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                reader.IsDBNull(3) ? EventHash.Genesis(streamId) : reader.GetFieldValue<byte[]>(3),
                reader.GetBoolean(4), reader.GetFieldValue<DateTimeOffset>(5))
            : null;
    }

    public static async Task<List<RecordedEvent>> ReadEventsAsync(NpgsqlCommand command, EventTypeRegistry types, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        // Events of one command share their metadata: parse each distinct text once per page.
        var metadataText = "";
        var metadata = EventMetadata.Empty;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = reader.GetString(5);
            var metadataJson = reader.GetString(7);
            if (metadataJson != metadataText)
            {
                metadataText = metadataJson;
                metadata = types.DeserializeMetadata(metadataJson);
            }

            events.Add(new RecordedEvent(
                reader.GetInt64(0),
                reader.GetFieldValue<ulong>(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetGuid(4),
                type,
                types.Deserialize(type, reader.GetString(6)),
                metadata,
                reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetFieldValue<byte[]>(9)));
        }

        return events;
    }
}
