using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Onestop.Host.Health;

internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";
    public const string ProjectionsTag = "projections";

    public static IServiceCollection AddPlatformHealth(this IServiceCollection services)
    {
        services.AddScoped<ProjectionLagCheck>();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag])
            .AddCheck<ProjectionLagCheck>("projections", tags: [ProjectionsTag]);
        return services;
    }

    /// <summary>
    /// /health/live: the process answers. /health/ready: it can serve (database and migrations). /health/projections:
    /// how far the async projections are behind the log (200 while healthy or degraded, with each one's figures).
    /// </summary>
    public static void MapPlatformHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJson });
        endpoints.MapHealthChecks("/health/projections", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ProjectionsTag), ResponseWriter = WriteJson });
        endpoints.MapGet("/metrics", WriteMetricsAsync).ExcludeFromDescription();
    }

    /// <summary>/metrics: the projections' lag in the Prometheus text format, for a scraper (no personal data, like health).</summary>
    private static async Task WriteMetricsAsync(HttpContext http, ProjectionLagCheck check)
    {
        var lags = await check.MeasureAsync(http.RequestAborted);
        var text = new System.Text.StringBuilder()
            .Append("# HELP onestop_projection_lag_seconds Age of the oldest event after the projection's checkpoint (0 when caught up).\n")
            .Append("# TYPE onestop_projection_lag_seconds gauge\n");
        foreach (var l in lags)
        {
            text.Append(FormattableString.Invariant($"onestop_projection_lag_seconds{{projection=\"{l.Projection}\"}} {l.Lag.TotalSeconds:0.###}\n"));
        }

        text.Append("# HELP onestop_projection_positions_behind Log positions after the projection's checkpoint.\n")
            .Append("# TYPE onestop_projection_positions_behind gauge\n");
        foreach (var l in lags)
        {
            text.Append(FormattableString.Invariant($"onestop_projection_positions_behind{{projection=\"{l.Projection}\"}} {l.PositionsBehind}\n"));
        }

        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await http.Response.WriteAsync(text.ToString(), http.RequestAborted);
    }

    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        }));
    }
}
