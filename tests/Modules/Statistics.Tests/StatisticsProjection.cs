using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Onestop.EventStore.Projections;
using Onestop.TestSupport;

namespace Onestop.Statistics.Tests;

/// <summary>
/// Waits, by polling, until the host's statistics projection has processed every event committed so far and passed
/// what its batches changed into the aggregates (it does so within a second of reaching the end of the log).
/// </summary>
internal static class StatisticsProjection
{
    public static async Task CaughtUpAsync(IServiceProvider services)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await LogHorizon.PassAsync(dataSource);
        await using var db = await dataSource.OpenConnectionAsync();
        var last = await db.ExecuteScalarAsync<long>("select coalesce(max(position), 0) from es_events");
        await Eventually.Until(
            async () => (await ProjectionRunner.GetCheckpointAsync(dataSource, StatisticsModule.ProjectionName)).Position,
            position => position >= last, what: "the statistics projection to catch up");
        await Eventually.Until(() => db.ExecuteScalarAsync<bool>("select exists (select from statistics_pending)"), pending => !pending,
            what: "the statistics projection's pass");
    }
}
