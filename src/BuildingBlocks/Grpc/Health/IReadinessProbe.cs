using Microsoft.Extensions.Hosting;

namespace Onestop.Grpc.Health;

/// <summary>Whether the host can serve calls now (database reachable, migrations applied...). Health answers from it.</summary>
public interface IReadinessProbe
{
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}

/// <summary>The default probe: ready once the host has started, not ready once it begins to stop.</summary>
internal sealed class HostLifetimeReadinessProbe(IHostApplicationLifetime lifetime) : IReadinessProbe
{
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
        Task.FromResult(lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested);
}
