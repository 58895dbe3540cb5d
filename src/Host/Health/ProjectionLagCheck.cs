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
        var lags = await MeasureAsync(cancellationToken);
        var data = lags.ToDictionary(l => l.Projection, l => (object)new
        {
            checkpoint = l.Checkpoint, positionsBehind = l.PositionsBehind, lagSeconds = Math.Round(l.Lag.TotalSeconds, 1),
        });
        var worst = lags.Count == 0 ? TimeSpan.Zero : lags.Max(l => l.Lag);
        var description = $"oldest unprojected event {worst.TotalSeconds:0.0} s old";
        return worst > DegradedAfter ? HealthCheckResult.Degraded(description, data: data) : HealthCheckResult.Healthy(description, data);
    }

    /// <summary>Each projection's checkpoint, the log positions after it, and the age of the oldest event after it (zero when caught up).</summary>
    public async Task<IReadOnlyList<ProjectionLag>> MeasureAsync(CancellationToken cancellationToken)
    {
        var lags = new List<ProjectionLag>();
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
            lags.Add(new ProjectionLag(projection.Name, checkpoint.ToString(), reader.GetInt64(1), lag < TimeSpan.Zero ? TimeSpan.Zero : lag));
        }

        return lags;
    }
}

/// <summary>How far one async projection is behind the log.</summary>
internal sealed record ProjectionLag(string Projection, string Checkpoint, long PositionsBehind, TimeSpan Lag);
