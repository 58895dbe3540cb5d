using System.Diagnostics;

namespace Onestop.Dossiers.Benchmarks;

/// <summary>What a load run did: the calls that succeeded with their latencies, the others by what they got instead.</summary>
internal sealed record LoadResult(int Clients, double[] Latencies, IReadOnlyDictionary<string, int> Failures, TimeSpan Elapsed)
{
    public int Succeeded => Latencies.Length;

    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    public string FailureSummary => Failures.Count == 0 ? "0" : string.Join(", ", Failures.OrderBy(f => f.Key).Select(f => $"{f.Key} ×{f.Value:N0}"));
}

/// <summary>Closed-loop load: each client sends its next call as soon as its previous one has answered.</summary>
internal static class Load
{
    /// <param name="call">
    /// One call of a client (its index, and how many it sent before): null when it succeeded, otherwise what it got
    /// instead (a status), counted apart and kept out of the latencies.
    /// </param>
    public static async Task<LoadResult> RunAsync(
        int clients, TimeSpan duration, Func<int, long, CancellationToken, Task<string?>> call, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(() => ClientAsync(client, duration, call, cancellationToken))));
        clock.Stop();

        // Calls in flight at the deadline finish and count: the elapsed time runs until the last one answered.
        var latencies = runs.SelectMany(r => r.Latencies).Order().ToArray();
        var failures = runs.SelectMany(r => r.Failures).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
        return new LoadResult(clients, latencies, failures, clock.Elapsed);
    }

    /// <summary>The value below which a fraction <paramref name="p"/> of the sorted values lie (nearest rank); NaN when there are none.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static async Task<(List<double> Latencies, Dictionary<string, int> Failures)> ClientAsync(
        int client, TimeSpan duration, Func<int, long, CancellationToken, Task<string?>> call, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var failures = new Dictionary<string, int>();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        for (long sent = 0; Stopwatch.GetTimestamp() < deadline; sent++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            string? failure;
            try
            {
                failure = await call(client, sent, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = e.GetType().Name;
            }

            if (failure is null)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                failures[failure] = failures.GetValueOrDefault(failure) + 1;
            }
        }

        return (latencies, failures);
    }
}
