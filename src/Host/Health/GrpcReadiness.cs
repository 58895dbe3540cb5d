using Microsoft.Extensions.Diagnostics.HealthChecks;
using Onestop.Grpc.Health;

namespace Onestop.Host.Health;

/// <summary>grpc.health.v1 answers SERVING exactly when /health/ready does: database reachable, migrations applied.</summary>
internal sealed class GrpcReadiness(HealthCheckService health, IHostApplicationLifetime lifetime) : IReadinessProbe
{
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return false;
        }

        var report = await health.CheckHealthAsync(check => check.Tags.Contains(HealthEndpoints.ReadyTag), cancellationToken);
        return report.Status == HealthStatus.Healthy;
    }

    public static int Port(IConfiguration configuration) => configuration.GetValue("Grpc:Port", 5081);
}
