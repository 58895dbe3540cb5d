using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using NpgsqlTypes;
using Onestop.EventStore.Projections;

namespace Onestop.Host.Health;

/// <summary>
/// How far each async projection (statistics, feeds) is behind the log: the events after its checkpoint, and the age of
/// the oldest of them. Degraded past <see cref="DegradedAfter"/>; never part of readiness (the host still serves).
/// </summary>
internal sealed class ProjectionLagCheck(NpgsqlDataSource dataSource, IEnumerable<IAsyncProjection> projections, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan DegradedAfter = TimeSpan.FromSeconds(60);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var worst = TimeSpan.Zero;
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var projection in projections)
        {
            var checkpoint = await ProjectionRunner.GetCheckpointAsync(dataSource, projection.Name, cancellationToken);
            await using var command = new NpgsqlCommand(
                """
                select (select recorded_at from es_events where (tx_id, position) > ($1, $2) order by tx_id, position limit 1),
                       greatest(coalesce((select max(position) from es_events), 0) - $2, 0)
                """, db);
            command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
            command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Position, NpgsqlDbType = NpgsqlDbType.Bigint });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var lag = reader.IsDBNull(0) ? TimeSpan.Zero : clock.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(0);
            worst = lag > worst ? lag : worst;
            data[projection.Name] = new { checkpoint = checkpoint.ToString(), positionsBehind = reader.GetInt64(1), lagSeconds = Math.Round(lag.TotalSeconds, 1) };
        }

        var description = $"oldest unprojected event {worst.TotalSeconds:0.0} s old";
        return worst > DegradedAfter ? HealthCheckResult.Degraded(description, data: data) : HealthCheckResult.Healthy(description, data);
    }
}
