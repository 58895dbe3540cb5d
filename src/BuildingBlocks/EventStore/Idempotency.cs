using Npgsql;
using NpgsqlTypes;

namespace Onestop.EventStore;

/// <summary>The first outcome of a command carrying an idempotency key, or that the key is now claimed.</summary>
public sealed record IdempotencyClaim(bool Claimed, string? StoredResponse);

/// <summary>
/// Idempotency keys, recorded in the command's own transaction. A retry that arrives while the first attempt
/// is still running waits on the key's row lock, then reads the first outcome; if the first attempt rolled
/// back, the retry claims the key itself.
/// </summary>
public static class IdempotencyExtensions
{
    public static async Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(
        this EventStoreSession session, string key, byte[] requestHash, CancellationToken cancellationToken = default)
    {
        var transaction = await session.GetTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            "insert into es_idempotency (key, request_hash) values ($1, $2) on conflict (key) do nothing", transaction.Connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = key, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = requestHash, NpgsqlDbType = NpgsqlDbType.Bytea });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return new IdempotencyClaim(true, null);
            }
        }

        await using var select = new NpgsqlCommand("select request_hash, response::text from es_idempotency where key = $1", transaction.Connection, transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = key, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(requestHash))
        {
            throw new IdempotencyKeyReusedException(key);
        }

        return new IdempotencyClaim(false, reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    public static async Task CompleteIdempotencyKeyAsync(
        this EventStoreSession session, string key, string responseJson, CancellationToken cancellationToken = default)
    {
        var transaction = await session.GetTransactionAsync(cancellationToken);
        await using var update = new NpgsqlCommand("update es_idempotency set response = $2 where key = $1", transaction.Connection, transaction);
        update.Parameters.Add(new NpgsqlParameter { Value = key, NpgsqlDbType = NpgsqlDbType.Text });
        update.Parameters.Add(new NpgsqlParameter { Value = responseJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
