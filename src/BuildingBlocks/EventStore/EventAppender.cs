using Npgsql;
using NpgsqlTypes;
using Onestop.EventStore.Hashing;

namespace Onestop.EventStore;

/// <summary>
/// Writes appends. A single event with an exact or "no stream" expectation, the common case of a command, is one
/// plain statement; batches and "any" go through the es_append function. Both extend the same hash chain.
/// </summary>
internal static class EventAppender
{
    private const string Returning = "returning position, version, hash, recorded_at, tx_id";
    private const string Microseconds = "int8send((extract(epoch from now()) * 1000000)::int8)";

    private static readonly string AppendAfterVersion = $"""
        insert into es_events (stream_id, version, event_id, type, data, metadata, recorded_at, hash)
        select $1, e.version + 1, $3, $4, $5, $6, now(), sha256(e.hash || $7 || {Microseconds})
        from es_events e
        where e.stream_id = $1 and e.version = $2 and not exists (select 1 from es_streams s where s.id = $1 and s.archived)
        {Returning}
        """;

    private static readonly string AppendToNewStream = $"""
        with created as (insert into es_streams (id, type) values ($1, $2) on conflict (id) do nothing returning id)
        insert into es_events (stream_id, version, event_id, type, data, metadata, recorded_at, hash)
        select $1, 1, $3, $4, $5, $6, now(), sha256(sha256(convert_to($1, 'UTF8')) || $7 || {Microseconds})
        from created
        {Returning}
        """;

    public static async Task<AppendResult> AppendAsync(
        NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction? transaction, EventTypeRegistry types,
        string streamId, string streamType, ExpectedVersion expected, IReadOnlyList<EventToAppend> events,
        EventMetadata metadata, List<RecordedEvent>? recorded, CancellationToken cancellationToken)
    {
        var batch = PreparedBatch.Create(types, events, metadata);
        try
        {
            var result = events.Count == 1 && expected.Value is -1 or > 0
                ? await AppendOneAsync(connection, transaction, streamId, streamType, expected, batch, cancellationToken)
                : await AppendBatchAsync(connection, transaction, streamId, streamType, expected, batch, cancellationToken);
            if (result is null)
            {
                throw await RefusalAsync(connection, transaction, streamId, expected, cancellationToken);
            }

            recorded?.AddRange(batch.ToRecorded(streamId, result.Value, events, metadata));
            return new AppendResult(streamId, result.Value.NewVersion, result.Value.Positions);
        }
        catch (PostgresException e) when (e.SqlState == "ES409")
        {
            throw new WrongExpectedVersionException(streamId, expected, long.TryParse(e.Hint, out var actual) ? actual : -1);
        }
        catch (PostgresException e) when (e.SqlState == "ES410")
        {
            throw new StreamArchivedException(streamId);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "es_events_pkey")
        {
            // Another writer added the next version first. This transaction is aborted, so ask on another connection.
            throw new WrongExpectedVersionException(streamId, expected, await CurrentVersionAsync(dataSource.CreateCommand(CurrentVersionSql), streamId, cancellationToken));
        }
    }

    private static async Task<Written?> AppendOneAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string streamId, string streamType, ExpectedVersion expected,
        PreparedBatch batch, CancellationToken cancellationToken)
    {
        var isNew = expected.Value == -1;
        await using var command = new NpgsqlCommand(isNew ? AppendToNewStream : AppendAfterVersion, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(isNew
            ? new NpgsqlParameter { Value = streamType, NpgsqlDbType = NpgsqlDbType.Text }
            : new NpgsqlParameter { Value = expected.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Ids[0], NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Names[0], NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Data[0], NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Metadata[0], NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Digests[0], NpgsqlDbType = NpgsqlDbType.Bytea });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Written(reader.GetInt64(1), [reader.GetInt64(0)], [reader.GetFieldValue<byte[]>(2)],
            reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<ulong>(4));
    }

    private static async Task<Written?> AppendBatchAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string streamId, string streamType, ExpectedVersion expected,
        PreparedBatch batch, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select new_version, positions, hashes, recorded_at, tx_id from es_append($1, $2, $3, $4, $5, $6, $7, $8)", connection, transaction)
        {
            Parameters =
            {
                new() { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = streamType, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = expected.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = batch.Ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new() { Value = batch.Names, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = batch.Data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new() { Value = batch.Metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new() { Value = batch.Digests, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Written(reader.GetInt64(0), reader.GetFieldValue<long[]>(1), reader.GetFieldValue<byte[][]>(2),
            reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<ulong>(4));
    }

    private const string CurrentVersionSql = "select coalesce(max(version), case when exists (select 1 from es_streams where id = $1) then 0 else -1 end) from es_events where stream_id = $1";

    /// <summary>The one-statement path wrote nothing: the stream is archived, or not at the expected version.</summary>
    private static async Task<Exception> RefusalAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string streamId, ExpectedVersion expected, CancellationToken cancellationToken)
    {
        await using (var archived = new NpgsqlCommand("select archived from es_streams where id = $1", connection, transaction))
        {
            archived.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
            if (await archived.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new StreamArchivedException(streamId);
            }
        }

        var actual = await CurrentVersionAsync(new NpgsqlCommand(CurrentVersionSql, connection, transaction), streamId, cancellationToken);
        return new WrongExpectedVersionException(streamId, expected, actual);
    }

    private static async Task<long> CurrentVersionAsync(NpgsqlCommand command, string streamId, CancellationToken cancellationToken)
    {
        await using (command)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
    }

    private readonly record struct Written(long NewVersion, long[] Positions, byte[][] Hashes, DateTimeOffset RecordedAt, ulong TransactionId);

    /// <summary>The events in stored form: names, canonical JSON and digests, computed once per append.</summary>
    private sealed record PreparedBatch(Guid[] Ids, string[] Names, string[] Data, string[] Metadata, byte[][] Digests)
    {
        public static PreparedBatch Create(EventTypeRegistry types, IReadOnlyList<EventToAppend> events, EventMetadata metadata)
        {
            var count = events.Count;
            var batch = new PreparedBatch(new Guid[count], new string[count], new string[count], new string[count], new byte[count][]);
            var canonicalMetadata = CanonicalJson.ToUtf8(types.SerializeMetadata(metadata));
            var metadataText = System.Text.Encoding.UTF8.GetString(canonicalMetadata);
            for (var i = 0; i < count; i++)
            {
                batch.Ids[i] = events[i].EventId ?? Guid.CreateVersion7();
                batch.Names[i] = types.NameOf(events[i].Data.GetType());
                var canonicalData = CanonicalJson.ToUtf8(types.Serialize(events[i].Data));
                batch.Data[i] = System.Text.Encoding.UTF8.GetString(canonicalData);
                batch.Metadata[i] = metadataText;
                batch.Digests[i] = EventHash.Digest(batch.Names[i], canonicalData, canonicalMetadata);
            }

            return batch;
        }

        public IEnumerable<RecordedEvent> ToRecorded(string streamId, Written written, IReadOnlyList<EventToAppend> events, EventMetadata metadata) =>
            Enumerable.Range(0, events.Count).Select(i => new RecordedEvent(
                written.Positions[i], written.TransactionId, streamId, written.NewVersion - events.Count + 1 + i, Ids[i], Names[i],
                events[i].Data, metadata, written.RecordedAt, written.Hashes[i]));
    }
}
