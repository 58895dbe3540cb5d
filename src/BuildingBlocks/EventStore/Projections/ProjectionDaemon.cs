using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Onestop.EventStore.Projections;

/// <summary>
/// Runs every registered async projection for the life of the host; each elects its runner by advisory lock. A
/// projection can be rebuilt from zero while the host runs: its loop here pauses for the rebuild.
/// </summary>
public sealed class ProjectionDaemon(
    IEnumerable<IAsyncProjection> projections, NpgsqlDataSource dataSource, EventTypeRegistry types, EventNotifier notifier,
    ProjectionOptions options, ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly Dictionary<string, (CancellationTokenSource Stop, Task Running)> loops = [];
    private CancellationToken hostStopping;

    public IReadOnlyList<ProjectionRunner> Runners { get; } = projections
        .Select(p => new ProjectionRunner(p, dataSource, types, notifier, options, loggerFactory.CreateLogger($"Projection.{p.Name}")))
        .ToList();

    /// <summary>Empties the projection's read model and replays the log into it; false when another host holds the projection.</summary>
    public async Task<bool> RebuildAsync(string name, CancellationToken cancellationToken = default)
    {
        var runner = Runners.Single(r => r.Name == name);
        (CancellationTokenSource Stop, Task Running)? loop;
        lock (loops)
        {
            loop = loops.Remove(name, out var running) ? running : null;
        }

        if (loop is { } paused)
        {
            await paused.Stop.CancelAsync();
            await paused.Running;
            paused.Stop.Dispose();
        }

        try
        {
            return await runner.RebuildAsync(cancellationToken);
        }
        finally
        {
            if (loop is not null)
            {
                Start(runner);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        hostStopping = stoppingToken;
        foreach (var runner in Runners)
        {
            Start(runner);
        }

        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        Task[] running;
        lock (loops)
        {
            running = [.. loops.Values.Select(l => l.Running)];
        }

        await Task.WhenAll(running);
    }

    private void Start(ProjectionRunner runner)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
        lock (loops)
        {
            loops[runner.Name] = (stop, runner.RunAsync(stop.Token));
        }
    }
}
