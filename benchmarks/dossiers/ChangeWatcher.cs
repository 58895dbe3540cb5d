using System.Collections.Concurrent;
using System.Diagnostics;
using Onestop.Contracts.Dossiers.V1;

namespace Onestop.Dossiers.Benchmarks;

/// <summary>
/// A portal following <c>DossierSync/WatchDossierChanges</c> for every unit. After it has caught up with the history,
/// it measures each change's lag: when it parsed the change minus the change's <c>committed_at</c> (the event's
/// recorded_at, taken inside the writing transaction, so slightly more than commit-to-client), and notes which
/// dossiers' intakes it saw.
/// </summary>
internal sealed class ChangeWatcher : IAsyncDisposable
{
    private const string ReceivedType = "dossiers.received.v1";
    private readonly CancellationTokenSource stop = new();
    private readonly List<double> lags = [];
    private readonly ConcurrentDictionary<Guid, bool> intakesSeen = new();
    private readonly Task reading;
    private long lastChangeAt = Stopwatch.GetTimestamp();
    private long measuringSinceTicks = long.MaxValue;

    private ChangeWatcher(GrpcClient grpc) => reading = Task.Run(() => ReadAsync(grpc));

    public static ChangeWatcher Start(GrpcClient grpc) => new(grpc);

    /// <summary>Waits until no change has come for <paramref name="quiet"/> (the history is read), then measures what is committed from now on.</summary>
    public async Task CatchUpAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetElapsedTime(Interlocked.Read(ref lastChangeAt)) < quiet)
        {
            ThrowIfFailed();
            await Task.Delay(50, cancellationToken);
        }

        Interlocked.Exchange(ref measuringSinceTicks, DateTimeOffset.UtcNow.UtcTicks);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the intake of each dossier to arrive; returns how many did.</summary>
    public async Task<int> WaitForIntakesAsync(IReadOnlyCollection<Guid> dossiers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        int seen;
        while ((seen = dossiers.Count(intakesSeen.ContainsKey)) < dossiers.Count && waited.Elapsed < timeout)
        {
            ThrowIfFailed();
            await Task.Delay(100, cancellationToken);
        }

        return seen;
    }

    /// <summary>Ends the call; the measured lags in milliseconds, sorted.</summary>
    public async Task<double[]> StopAsync()
    {
        await stop.CancelAsync();
        await reading;
        return lags.Order().ToArray();
    }

    /// <summary>Ends the call if still open, without rethrowing what it failed with (the caller is already failing).</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAny(reading);
        stop.Dispose();
    }

    private async Task ReadAsync(GrpcClient grpc)
    {
        try
        {
            var changes = grpc.ServerStreamAsync("/onestop.dossiers.v1.DossierSync/WatchDossierChanges", new WatchDossierChangesRequest(),
                DossierChange.Parser, stop.Token);
            await foreach (var change in changes)
            {
                var parsedAt = DateTimeOffset.UtcNow;
                Interlocked.Exchange(ref lastChangeAt, Stopwatch.GetTimestamp());
                var committedAt = change.CommittedAt.ToDateTimeOffset();
                if (committedAt.UtcTicks >= Interlocked.Read(ref measuringSinceTicks))
                {
                    lags.Add((parsedAt - committedAt).TotalMilliseconds);
                    if (change.Type == ReceivedType)
                    {
                        intakesSeen.TryAdd(Guid.Parse(change.DossierId), true);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by StopAsync.
        }
    }

    private void ThrowIfFailed()
    {
        if (reading.IsFaulted)
        {
            throw new InvalidOperationException("WatchDossierChanges failed.", reading.Exception);
        }
    }
}
