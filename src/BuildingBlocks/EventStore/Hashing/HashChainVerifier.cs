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
        select s.id, s.version, s.last_hash, e.version, e.position, e.type, e.data::text, e.metadata::text, e.recorded_at, e.hash
        from es_streams s left join es_events e on e.stream_id = s.id
        where ($1::text is null or s.id = $1)
        order by s.id, e.version
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
                if (walk.Finish() is { } unfinished)
                {
                    return unfinished with { EventsChecked = checkedCount };
                }

                walk = new StreamWalk(id, reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
            }

            if (reader.IsDBNull(3))
            {
                continue;
            }

            checkedCount++;
            var problem = walk.Step(
                version: reader.GetInt64(3), position: reader.GetInt64(4), type: reader.GetString(5),
                data: reader.GetString(6), metadata: reader.GetString(7),
                recordedAt: reader.GetFieldValue<DateTimeOffset>(8), storedHash: reader.GetFieldValue<byte[]>(9));
            if (problem is not null)
            {
                return problem with { EventsChecked = checkedCount };
            }
        }

        return walk.Finish() is { } last ? last with { EventsChecked = checkedCount } : new VerificationResult(true, checkedCount);
    }

    private sealed class StreamWalk
    {
        private readonly long headVersion;
        private readonly byte[] headHash = [];
        private byte[] previous = [];
        private long lastVersion;
        private long lastPosition;

        public StreamWalk()
        {
        }

        public StreamWalk(string streamId, long headVersion, byte[] headHash)
        {
            StreamId = streamId;
            this.headVersion = headVersion;
            this.headHash = headHash;
            previous = EventHash.Genesis(streamId);
        }

        public string? StreamId { get; }

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
            lastPosition = position;
            return null;
        }

        public VerificationResult? Finish()
        {
            if (StreamId is null)
            {
                return null;
            }

            if (lastVersion != headVersion)
            {
                return Invalid(lastVersion + 1, lastPosition, $"the stream head says version {headVersion}, events end at {lastVersion}");
            }

            return lastVersion > 0 && !previous.AsSpan().SequenceEqual(headHash)
                ? Invalid(lastVersion, lastPosition, "the stream head's hash does not match its last event")
                : null;
        }

        private VerificationResult Invalid(long version, long position, string problem) =>
            new(false, 0, StreamId, version, position, problem);
    }
}
