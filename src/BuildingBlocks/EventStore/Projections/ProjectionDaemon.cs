using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Onestop.EventStore.Projections;

/// <summary>Runs every registered async projection for the life of the host; each elects its runner by advisory lock.</summary>
public sealed class ProjectionDaemon(
    IEnumerable<IAsyncProjection> projections, NpgsqlDataSource dataSource, EventTypeRegistry types, EventNotifier notifier,
    ProjectionOptions options, ILoggerFactory loggerFactory) : BackgroundService
{
    public IReadOnlyList<ProjectionRunner> Runners { get; } = projections
        .Select(p => new ProjectionRunner(p, dataSource, types, notifier, options, loggerFactory.CreateLogger($"Projection.{p.Name}")))
        .ToList();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Runners.Select(r => r.RunAsync(stoppingToken)));
}
