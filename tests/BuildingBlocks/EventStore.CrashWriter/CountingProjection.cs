using Npgsql;
using Onestop.EventStore.Projections;

namespace Onestop.EventStore.CrashWriter;

public sealed record Counted(int Number);

/// <summary>
/// Counts events per stream with non-idempotent increments, so a lost or repeated batch shows in the counts.
/// An optional per-event delay makes a batch slow enough to be killed in the middle.
/// </summary>
public sealed class CountingProjection(TimeSpan delayPerEvent, Action<int>? onBatchStart = null) : IAsyncProjection
{
    public const string Table = "test_counts";

    public string Name => "test-counting";

    public static EventTypeRegistry Registry() => new EventTypeRegistry().Register<Counted>("test.counted.v1");

    public static async Task CreateTableAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            $"create table if not exists {Table} (stream_id text primary key, events bigint not null, last_version bigint not null)");
        await command.ExecuteNonQueryAsync();
    }

    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        onBatchStart?.Invoke(events.Count);
        foreach (var e in events)
        {
            await using var command = new NpgsqlCommand(
                $"""
                insert into {Table} (stream_id, events, last_version) values ($1, 1, $2)
                on conflict (stream_id) do update set events = {Table}.events + 1, last_version = excluded.last_version
                """, transaction.Connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = e.StreamId });
            command.Parameters.Add(new NpgsqlParameter { Value = e.Version });
            await command.ExecuteNonQueryAsync(cancellationToken);
            if (delayPerEvent > TimeSpan.Zero)
            {
                await Task.Delay(delayPerEvent, cancellationToken);
            }
        }
    }

    public async Task ResetAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"delete from {Table}", transaction.Connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
