using Npgsql;
using NpgsqlTypes;
using Onestop.EventStore.Hashing;

namespace Onestop.EventStore;

/// <summary>The statements behind the public API, shared by one-shot calls and sessions.</summary>
internal static class EventStoreSql
{
    private const string EventColumns = "position, tx_id, stream_id, version, event_id, type, data, metadata, recorded_at, hash";

    public static async Task<AppendResult> AppendAsync(
        NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction? transaction, EventTypeRegistry types,
        string streamId, string streamType, ExpectedVersion expected, IReadOnlyList<EventToAppend> events,
        EventMetadata metadata, List<RecordedEvent>? recorded, CancellationToken cancellationToken)
    {
        var count = events.Count;
        var ids = new Guid[count];
        var names = new string[count];
        var data = new string[count];
        var metadataJson = new string[count];
        var digests = new byte[count][];
        var metadataText = types.SerializeMetadata(metadata);
        var canonicalMetadata = CanonicalJson.ToUtf8(metadataText);
        for (var i = 0; i < count; i++)
        {
            ids[i] = events[i].EventId ?? Guid.CreateVersion7();
            names[i] = types.NameOf(events[i].Data.GetType());
            var canonicalData = CanonicalJson.ToUtf8(types.Serialize(events[i].Data));
            data[i] = System.Text.Encoding.UTF8.GetString(canonicalData);
            metadataJson[i] = metadataText;
            digests[i] = EventHash.Digest(names[i], canonicalData, canonicalMetadata);
        }

        await using var command = new NpgsqlCommand(
            "select new_version, positions, hashes, recorded_at, tx_id from es_append($1, $2, $3, $4, $5, $6, $7, $8)",
            connection, transaction)
        {
            Parameters =
            {
                new() { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = streamType, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = expected.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new() { Value = names, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new() { Value = metadataJson, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new() { Value = digests, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
            },
        };

        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var newVersion = reader.GetInt64(0);
            var positions = reader.GetFieldValue<long[]>(1);
            if (recorded is not null)
            {
                var hashes = reader.GetFieldValue<byte[][]>(2);
                var recordedAt = reader.GetFieldValue<DateTimeOffset>(3);
                var txId = reader.GetFieldValue<ulong>(4);
                for (var i = 0; i < count; i++)
                {
                    recorded.Add(new RecordedEvent(positions[i], txId, streamId, newVersion - count + 1 + i, ids[i], names[i],
                        events[i].Data, metadata, recordedAt, hashes[i]));
                }
            }

            return new AppendResult(streamId, newVersion, positions);
        }
        catch (PostgresException e) when (e.SqlState == "ES409")
        {
            throw new WrongExpectedVersionException(streamId, expected, long.TryParse(e.Hint, out var actual) ? actual : -1);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "es_events_pkey")
        {
            // Another writer added the next version first. This transaction is aborted, so ask on another connection.
            throw new WrongExpectedVersionException(streamId, expected, await CurrentVersionAsync(dataSource, streamId));
        }
        catch (PostgresException e) when (e.SqlState == "ES410")
        {
            throw new StreamArchivedException(streamId);
        }
    }

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

    private static async Task<long> CurrentVersionAsync(NpgsqlDataSource dataSource, string streamId)
    {
        await using var command = dataSource.CreateCommand("select coalesce(max(version), -1) from es_events where stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<RecordedEvent>> ReadEventsAsync(NpgsqlCommand command, EventTypeRegistry types, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = reader.GetString(5);
            events.Add(new RecordedEvent(
                reader.GetInt64(0),
                reader.GetFieldValue<ulong>(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetGuid(4),
                type,
                types.Deserialize(type, reader.GetString(6)),
                types.DeserializeMetadata(reader.GetString(7)),
                reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetFieldValue<byte[]>(9)));
        }

        return events;
    }
}
