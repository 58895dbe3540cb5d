using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Onestop.EventStore.Hashing;

namespace Onestop.EventStore.Audit;

/// <summary>
/// Read-only audit of one stream: its full history, the verification of its hash chain, a self-contained history
/// export an auditor verifies offline (docs/audit.md), and its state at a past instant. Modules put their own access
/// rules in front of it; it never writes.
/// </summary>
public sealed class StreamAuditor(EventStore store, HashChainVerifier verifier)
{
    private const string EventsSql = """
        select version, position, event_id, type, data::text, metadata::text, recorded_at,
               (extract(epoch from recorded_at) * 1000000)::int8, hash
        from es_events where stream_id = $1 order by version
        """;

    /// <summary>Every event of the stream, oldest first; null when the stream does not exist.</summary>
    public async Task<StreamHistory?> ReadHistoryAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var read = await ReadStoredAsync(streamId, cancellationToken);
        if (read is null)
        {
            return null;
        }

        var events = read.Value.Events.Select(e =>
        {
            var metadata = JsonSerializer.Deserialize<EventMetadata>(e.Metadata, EventTypeRegistry.SerializerOptions) ?? EventMetadata.Empty;
            using var data = JsonDocument.Parse(e.Data);
            return new AuditedEvent(e.Version, e.Position, e.EventId, e.Type, e.RecordedAt, metadata.Actor, metadata.Unit,
                metadata.CorrelationId, metadata.CausationId, data.RootElement.Clone(), Hex(e.Hash));
        }).ToArray();
        return new StreamHistory(streamId, read.Value.Head.Type, read.Value.Head.Archived, Hex(EventHash.Genesis(streamId)), events);
    }

    /// <summary>
    /// Walks the stream's chain in the database with <see cref="HashChainVerifier"/>; null when the stream does not
    /// exist. A valid result carries the head to keep. <paramref name="keptHead"/>, a head kept earlier (from an
    /// export or a verification), must still be in the chain: otherwise its last events were deleted, or the whole
    /// chain was rewritten, which no walk of the chain alone can see.
    /// </summary>
    public async Task<StreamVerification?> VerifyAsync(string streamId, ExportHead? keptHead = null, CancellationToken cancellationToken = default)
    {
        // The head is read before the walk: the chain only grows, so the walk covers it.
        var head = await store.GetStreamAsync(streamId, cancellationToken);
        if (head is null)
        {
            return null;
        }

        var result = await verifier.VerifyStreamAsync(streamId, cancellationToken);
        var verification = new StreamVerification(streamId, result.IsValid, result.EventsChecked, head.Version, Hex(head.LastHash),
            result.Version, result.Position, result.Problem);
        if (!result.IsValid || keptHead is null)
        {
            return verification;
        }

        var hashThen = await HashAtAsync(streamId, keptHead.Version, cancellationToken);
        if (hashThen is null)
        {
            return verification with
            {
                IsValid = false, KeptHeadMissing = true, BrokenVersion = head.Version + 1,
                Reason = $"the kept head is version {keptHead.Version}, the stream ends at version {head.Version}: events were deleted from its end",
            };
        }

        return string.Equals(hashThen, keptHead.Hash, StringComparison.OrdinalIgnoreCase)
            ? verification
            : verification with
            {
                IsValid = false, KeptHeadMissing = true, BrokenVersion = keptHead.Version,
                Reason = $"the hash of version {keptHead.Version} is not the kept head's: the chain was rewritten",
            };
    }

    /// <summary>
    /// The history export: per event exactly the bytes that were hashed and the hashes, so anyone can recompute the
    /// chain without this software. It is written as stored: a tampered event makes the export fail verification.
    /// </summary>
    public async Task<HistoryExport?> ExportAsync(string streamId, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var read = await ReadStoredAsync(streamId, cancellationToken);
        if (read is null)
        {
            return null;
        }

        var events = read.Value.Events.Select(e => new ExportedEvent(
            e.Version, e.Type, e.RecordedAtMicros, HistoryExport.FormatInstant(e.RecordedAtMicros), e.Data, e.Metadata, Hex(e.Hash))).ToArray();
        var genesis = Hex(EventHash.Genesis(streamId));
        return new HistoryExport
        {
            StreamId = streamId,
            StreamType = read.Value.Head.Type,
            ExportedAt = (clock ?? TimeProvider.System).GetUtcNow(),
            GenesisHash = genesis,
            Events = events,
            Head = new ExportHead(events.Length == 0 ? 0 : events[^1].Version, events.Length == 0 ? genesis : events[^1].Hash),
        };
    }

    /// <summary>
    /// The stream's state at <paramref name="instant"/>: the events up to the first one recorded after it. A
    /// transaction that started earlier may commit a later version with an earlier time; stopping at the first later
    /// time keeps the folded events a prefix of the stream, never a state with a hole.
    /// </summary>
    public async Task<PastState<TState>> StateAtAsync<TState>(
        string streamId, DateTimeOffset instant, Func<TState?, object, TState> apply, CancellationToken cancellationToken = default)
        where TState : class
    {
        await using var command = store.DataSource.CreateCommand("""
            select coalesce((select min(version) - 1 from es_events where stream_id = $1 and recorded_at > $2),
                            (select max(version) from es_events where stream_id = $1), 0)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = instant.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (version == 0)
        {
            return new PastState<TState>(null, instant, 0, null, null);
        }

        var events = await store.ReadStreamAsync(streamId, new StreamReadOptions { ToVersion = version }, cancellationToken);
        var (state, last) = EventStore.Fold(events, apply);
        return new PastState<TState>(state, instant, last, events[^1].RecordedAt, Hex(events[^1].Hash));
    }

    internal static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private async Task<string?> HashAtAsync(string streamId, long version, CancellationToken cancellationToken)
    {
        if (version == 0)
        {
            return Hex(EventHash.Genesis(streamId));
        }

        await using var command = store.DataSource.CreateCommand("select hash from es_events where stream_id = $1 and version = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = version, NpgsqlDbType = NpgsqlDbType.Bigint });
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] hash ? Hex(hash) : null;
    }

    /// <summary>The stream's events with data and metadata in canonical text, the form their digests cover.</summary>
    private async Task<(StreamHead Head, List<StoredEvent> Events)?> ReadStoredAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        // One repeatable-read snapshot, so the head and the events agree even while the stream grows.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var head = await EventStoreSql.GetStreamAsync(connection, transaction, streamId, cancellationToken);
        if (head is null)
        {
            return null;
        }

        await using var command = new NpgsqlCommand(EventsSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
        var events = new List<StoredEvent>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new StoredEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetString(3),
                    CanonicalJson.ToText(reader.GetString(4)), CanonicalJson.ToText(reader.GetString(5)),
                    reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt64(7), reader.GetFieldValue<byte[]>(8)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (head, events);
    }

    private sealed record StoredEvent(
        long Version, long Position, Guid EventId, string Type, string Data, string Metadata, DateTimeOffset RecordedAt, long RecordedAtMicros, byte[] Hash);
}
