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
