using Npgsql;
using NpgsqlTypes;
using Onestop.EventStore.Hashing;

namespace Onestop.EventStore;

/// <summary>
/// Writes appends. An exact or "no stream" expectation, what a command knows, is one statement whatever the number of
/// events; "any" goes through the es_append function, which queues behind the stream's row lock. Both extend the same
/// hash chain.
/// </summary>
internal static class EventAppender
{
    private const string Microseconds = "int8send((extract(epoch from now()) * 1000000)::int8)";
    private const string Genesis = "sha256(convert_to($1, 'UTF8'))";

    // Parameters of both forms: $1 stream id, $2 expected version (0 for a new stream), $3 event id(s), $4 type(s),
    // $5 data, $6 digest(s), $7 the metadata the events share, $8 the stream type (new streams only).
    // No head row means the stream is archived or not at the expected version; a writer that added the next
    // version first makes the insert fail on the primary key.
    private static readonly (string One, string Many) AfterVersion = Forms(new Head("e.hash",
        "from es_events e where e.stream_id = $1 and e.version = $2 and not exists (select 1 from es_streams s where s.id = $1 and s.archived)"));

    private static readonly (string One, string Many) EmptyStream = Forms(new Head(Genesis, "from es_streams s where s.id = $1 and not s.archived"));

    private static readonly (string One, string Many) NewStream = Forms(new Head(Genesis, "from created",
        "created as (insert into es_streams (id, type) values ($1, $8) on conflict (id) do nothing returning id)"));

    /// <summary>Where the previous hash comes from, and a CTE that must run first.</summary>
    private sealed record Head(string PreviousHash, string From, string Cte = "");

    /// <summary>
    /// One event is a plain INSERT ... SELECT from the head. Several are a recursive chain over the digests from the
    /// head, inserted in version order, so positions follow versions: still one statement.
    /// </summary>
    private static (string One, string Many) Forms(Head head) => (
        $"""
        {(head.Cte.Length > 0 ? "with " + head.Cte : "")}
        insert into es_events (stream_id, version, event_id, type, data, metadata, recorded_at, hash)
        select $1, $2 + 1, $3, $4, $5, $7, now(), sha256({head.PreviousHash} || $6 || {Microseconds})
        {head.From}
        {Returning}
        """,
        $"""
        with recursive {(head.Cte.Length > 0 ? head.Cte + "," : "")} chain (i, hash) as (
            select 0, {head.PreviousHash} {head.From}
            union all
            select c.i + 1, sha256(c.hash || ($6::bytea[])[c.i + 1] || {Microseconds}) from chain c where c.i < cardinality($6::bytea[])
        )
        insert into es_events (stream_id, version, event_id, type, data, metadata, recorded_at, hash)
        select $1, $2 + c.i, ($3::uuid[])[c.i], ($4::text[])[c.i], ($5::jsonb[])[c.i], $7, now(), c.hash
        from chain c where c.i > 0
        order by c.i
        {Returning}
        """);

    private const string Returning = "returning position, version, hash, recorded_at, tx_id";

    public static async Task<AppendResult> AppendAsync(
        NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction? transaction, EventTypeRegistry types,
        string streamId, string streamType, ExpectedVersion expected, IReadOnlyList<EventToAppend> events,
        EventMetadata metadata, List<RecordedEvent>? recorded, CancellationToken cancellationToken)
    {
        var batch = PreparedBatch.Create(types, events, metadata);
        try
        {
            var result = expected == ExpectedVersion.Any || events.Count == 0
                ? await AppendBatchAsync(connection, transaction, streamId, streamType, expected, batch, cancellationToken)
                : await AppendExactAsync(connection, transaction, streamId, streamType, expected, batch, cancellationToken);
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

    private static async Task<Written?> AppendExactAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string streamId, string streamType, ExpectedVersion expected,
        PreparedBatch batch, CancellationToken cancellationToken)
    {
        var (one, many) = expected.Value switch
        {
            -1 => NewStream,
            0 => EmptyStream,
            _ => AfterVersion,
        };
        var single = batch.Ids.Length == 1;
        NpgsqlParameter Values<T>(T[] values, NpgsqlDbType type) => single
            ? new NpgsqlParameter { Value = values[0], NpgsqlDbType = type }
            : new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type };
        await using var command = new NpgsqlCommand(single ? one : many, connection, transaction)
        {
            Parameters =
            {
                new() { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = Math.Max(expected.Value, 0), NpgsqlDbType = NpgsqlDbType.Bigint },
                Values(batch.Ids, NpgsqlDbType.Uuid),
                Values(batch.Names, NpgsqlDbType.Text),
                Values(batch.Data, NpgsqlDbType.Jsonb),
                Values(batch.Digests, NpgsqlDbType.Bytea),
                new() { Value = batch.Metadata[0], NpgsqlDbType = NpgsqlDbType.Jsonb },
            },
        };
        if (expected.Value == -1)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = streamType, NpgsqlDbType = NpgsqlDbType.Text });
        }

        var count = batch.Ids.Length;
        var positions = new long[count];
        var hashes = new byte[count][];
        var (recordedAt, transactionId, rows) = (default(DateTimeOffset), 0UL, 0);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = (int)(reader.GetInt64(1) - Math.Max(expected.Value, 0)) - 1;
            positions[index] = reader.GetInt64(0);
            hashes[index] = reader.GetFieldValue<byte[]>(2);
            (recordedAt, transactionId) = (reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<ulong>(4));
            rows++;
        }

        return rows == 0 ? null : new Written(Math.Max(expected.Value, 0) + count, positions, hashes, recordedAt, transactionId);
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
