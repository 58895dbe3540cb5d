using Npgsql;
using NpgsqlTypes;

namespace Onestop.EventStore.Hashing;

/// <summary>The outcome of walking hash chains: valid, or the first event (stream, version, position) that does not match.</summary>
public sealed record VerificationResult(bool IsValid, long EventsChecked, string? StreamId = null, long? Version = null, long? Position = null, string? Problem = null)
{
    public override string ToString() => IsValid
        ? $"valid ({EventsChecked} events)"
        : $"invalid at stream '{StreamId}' version {Version} position {Position}: {Problem}";
}

/// <summary>Recomputes every event's hash from its stored type, data, metadata and time, and compares the chain.</summary>
public sealed class HashChainVerifier(NpgsqlDataSource dataSource)
{
    private const string Query = """
        select stream_id, version, position, type, data::text, metadata::text, recorded_at, hash
        from es_events
        where ($1::text is null or stream_id = $1)
        order by stream_id, version
        """;

    public Task<VerificationResult> VerifyStreamAsync(string streamId, CancellationToken cancellationToken = default) =>
        VerifyAsync(streamId, cancellationToken);

    public Task<VerificationResult> VerifyAllAsync(CancellationToken cancellationToken = default) =>
        VerifyAsync(null, cancellationToken);

    private async Task<VerificationResult> VerifyAsync(string? streamId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Query);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)streamId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var checkedCount = 0L;
        var walk = new StreamWalk();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (id != walk.StreamId)
            {
                walk = new StreamWalk(id);
            }

            checkedCount++;
            var problem = walk.Step(
                version: reader.GetInt64(1), position: reader.GetInt64(2), type: reader.GetString(3),
                data: reader.GetString(4), metadata: reader.GetString(5),
                recordedAt: reader.GetFieldValue<DateTimeOffset>(6), storedHash: reader.GetFieldValue<byte[]>(7));
            if (problem is not null)
            {
                return problem with { EventsChecked = checkedCount };
            }
        }

        return new VerificationResult(true, checkedCount);
    }

    /// <summary>
    /// Walks one stream's chain. Removing a stream's last events leaves a shorter valid chain: that is caught by
    /// comparing with a head exported earlier (the audit export carries each stream's last hash).
    /// </summary>
    private sealed class StreamWalk(string? streamId = null)
    {
        private byte[] previous = streamId is null ? [] : EventHash.Genesis(streamId);
        private long lastVersion;

        public string? StreamId => streamId;

        public VerificationResult? Step(long version, long position, string type, string data, string metadata, DateTimeOffset recordedAt, byte[] storedHash)
        {
            if (version != lastVersion + 1)
            {
                return Invalid(lastVersion + 1, position, $"version {lastVersion + 1} is missing");
            }

            var digest = EventHash.Digest(type, CanonicalJson.ToUtf8(data), CanonicalJson.ToUtf8(metadata));
            var expected = EventHash.Chain(previous, digest, recordedAt);
            if (!expected.AsSpan().SequenceEqual(storedHash))
            {
                return Invalid(version, position, "the stored hash does not match the event's content or its predecessor");
            }

            previous = expected;
            lastVersion = version;
            return null;
        }

        private VerificationResult Invalid(long version, long position, string problem) =>
            new(false, 0, StreamId, version, position, problem);
    }
}
