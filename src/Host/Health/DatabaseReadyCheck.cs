using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Onestop.Postgres.Migrations;

namespace Onestop.Host.Health;

/// <summary>Ready means: the database answers, and every migration this build knows is applied.</summary>
internal sealed class DatabaseReadyCheck(NpgsqlDataSource dataSource, MigrationRunner migrations) : IHealthCheck
{
    private volatile bool migrationsSeenApplied;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(timeout.Token);
            if (!migrationsSeenApplied)
            {
                migrationsSeenApplied = await migrations.AllAppliedAsync(timeout.Token);
            }

            return migrationsSeenApplied
                ? HealthCheckResult.Healthy("database reachable, migrations applied")
                : HealthCheckResult.Unhealthy("migrations not applied yet");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("database unreachable: " + e.GetType().Name);
        }
    }
}
