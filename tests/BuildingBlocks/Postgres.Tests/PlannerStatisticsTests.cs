using Npgsql;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Postgres.Tests;

public sealed class PlannerStatisticsTests
{
    [Fact]
    public async Task a_table_grown_past_twice_what_the_planner_counts_is_analyzed_once_and_its_lookups_use_the_index()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync("planner"));
        await using var connection = await dataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, "create table facts (id uuid primary key, note text not null); insert into facts values (gen_random_uuid(), 'x'); analyze facts");
        await ExecuteAsync(connection, "create table few (id int primary key)");
        await ExecuteAsync(connection, "insert into few select generate_series(1, 10)");
        // A lookup by a list of ids planned while the table held one row: a scan of the whole table, kept in the plan cache.
        await ExecuteAsync(connection, "set plan_cache_mode = force_generic_plan");
        await ExecuteAsync(connection, "prepare lookup (uuid[]) as select note from facts where id = any($1)");
        (await PlanAsync(connection)).ShouldContain("Seq Scan");
        await ExecuteAsync(connection, "insert into facts select gen_random_uuid(), repeat('x', 100) from generate_series(1, 20000)");
        (await PlanAsync(connection)).ShouldContain("Seq Scan", customMessage: "the cached plan outlives the table's growth");

        await Eventually.Until(() => PlannerStatistics.AnalyzeGrownTablesAsync(connection), grown => grown.Contains("facts"),
            what: "the statistics collector to count the new rows and the table to be analyzed");

        (await PlanAsync(connection)).ShouldContain("Index Scan");
        (await PlannerStatistics.AnalyzeGrownTablesAsync(connection)).ShouldBeEmpty("the planner's count is now right, and 10 rows are autovacuum's");
    }

    private static async Task<string> PlanAsync(NpgsqlConnection connection)
    {
        await using var explain = new NpgsqlCommand("explain execute lookup (array[gen_random_uuid()])", connection);
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
