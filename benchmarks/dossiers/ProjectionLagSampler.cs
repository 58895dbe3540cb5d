using Npgsql;

namespace Onestop.Dossiers.Benchmarks;

/// <summary>
/// How stale the host's statistics projection is while the desks receive: every 100 ms, the age of the oldest event
/// after its checkpoint (what /health/projections reports, in milliseconds; 0 when it has caught up). The age runs
/// from the event's recorded_at, taken inside the writing transaction, so it includes that transaction.
/// </summary>
internal sealed class ProjectionLagSampler : IAsyncDisposable
{
    private const string Sql =
        """
        select coalesce(extract(epoch from clock_timestamp() - (
                   select e.recorded_at from es_events e where (e.tx_id, e.position) > (c.tx_id, c.position) order by e.tx_id, e.position limit 1)) * 1000, 0)
          from es_projection_checkpoints c where c.name = 'statistics.dossiers'
        """;

    private readonly CancellationTokenSource stop = new();
    private readonly List<double> samples = [];
    private readonly Task sampling;

    private ProjectionLagSampler(string connectionString) => sampling = Task.Run(() => SampleAsync(connectionString));

    public static ProjectionLagSampler Start(string connectionString) => new(connectionString);

    /// <summary>Stops sampling; the samples in milliseconds, sorted.</summary>
    public async Task<double[]> StopAsync()
    {
        await stop.CancelAsync();
        await sampling;
        samples.Sort();
        return [.. samples];
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }

    private async Task SampleAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, db);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                samples.Add(Convert.ToDouble(await command.ExecuteScalarAsync(stop.Token) ?? 0d, System.Globalization.CultureInfo.InvariantCulture));
                await Task.Delay(100, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
