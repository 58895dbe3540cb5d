using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Onestop.Messaging.Authorization;
using Onestop.Statistics.Projections;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;
using static Onestop.Statistics.Tests.StatisticsRequests;

namespace Onestop.Statistics.Tests;

/// <summary>
/// Reports over ranges made of whole years, whole months and edge days count exactly the dossiers received in them,
/// from the aggregates, the day rows and the dossiers' own rows, also while dossiers wait for the projection's pass;
/// and the aggregates always equal a sum of the facts from scratch. Its own host: the test rewrites fact rows.
/// </summary>
public sealed class ReportRangeTests(DossierApp app) : IClassFixture<DossierApp>
{
    private static readonly (string From, string To)[] Ranges =
    [
        ("2027-01-01", "2029-12-31"), ("2027-01-01", "2027-12-31"), ("2027-03-15", "2028-02-10"), ("2027-02-01", "2028-06-30"),
        ("2028-05-17", "2028-05-17"), ("2027-11-20", "2029-01-05"), ("2028-01-01", "2029-03-31"),
    ];

    [Fact]
    public async Task any_range_counts_the_dossiers_received_in_it_before_and_after_the_pass_and_the_aggregates_equal_the_facts()
    {
        var made = new Dictionary<Guid, (DateOnly On, bool Online)>();
        var random = new Random(11);
        var desk = app.ClientFor(TestOfficial.DeskOfficer(Commune));
        for (var i = 0; i < 24; i++)
        {
            app.Clock.Now = new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.FromHours(7)).AddDays(random.Next(0, 3 * 365));
            var online = random.Next(3) == 0;
            var id = online ? await SubmitOnlineAsync(Commune, desk) : (await app.ReceiveAsync(Intake(), desk)).Id;
            if (online)
            {
                await app.ActOkAsync(id, "acceptance", null, desk);
            }

            made[id] = (DateOnly.FromDateTime(app.Clock.Now.DateTime), online);
        }

        await StatisticsProjection.CaughtUpAsync(app.Services);
        var viewer = app.ClientFor(new TestOfficial("tk.minh", Commune, Roles.StatisticsViewer));
        await RangesCountAsync(viewer, made);
        (await AggregateDriftAsync()).ShouldBe(0, "the aggregates are what summing the facts from scratch gives");

        // A batch as the projection writes one, and no pass yet: fifteen dossiers listed as pending with the images the
        // aggregates count, then their rows rewritten, here moved 40 days later, across months and years. The
        // checkpoint row locked meanwhile holds the host's runner, so no pass runs before the reports are read.
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var runnerHeld = await dataSource.OpenConnectionAsync())
        await using (var hold = await runnerHeld.BeginTransactionAsync())
        {
            await runnerHeld.ExecuteAsync("select 1 from es_projection_checkpoints where name = @name for update", new { name = StatisticsModule.ProjectionName }, hold);
            var ids = made.Keys.Take(15).ToArray();
            await using (var db = await dataSource.OpenConnectionAsync())
            await using (var batch = await db.BeginTransactionAsync())
            {
                await db.ExecuteAsync(
                    $"{StatisticsAggregates.ListPendingSql}; update statistics_dossiers set received_on = received_on + 40 where dossier_id = any(@ids)",
                    new { ids }, batch);
                await batch.CommitAsync();
            }

            foreach (var id in ids)
            {
                made[id] = (made[id].On.AddDays(40), made[id].Online);
            }

            (await CountAsync("select count(*) from statistics_pending")).ShouldBe(15);
            await RangesCountAsync(viewer, made);
            (await AggregateDriftAsync()).ShouldBe(0, "with the pending changes, the aggregates are the facts' sum");
            await hold.RollbackAsync();
        }

        // The projection's next batch (a dossier received outside every range) leads to the pass that adds them.
        app.Clock.Now = new DateTimeOffset(2030, 6, 3, 9, 0, 0, TimeSpan.FromHours(7));
        await app.ReceiveAsync(Intake(), desk);
        await Eventually.Until(() => CountAsync("select count(*) from statistics_pending"), pending => pending == 0, what: "the pass");
        await RangesCountAsync(viewer, made);
        (await AggregateDriftAsync()).ShouldBe(0, "passed, the aggregates are again the facts' sum");
    }

    private static async Task RangesCountAsync(HttpClient viewer, Dictionary<Guid, (DateOnly On, bool Online)> made)
    {
        foreach (var (from, to) in Ranges)
        {
            var inRange = made.Values.Where(m => m.On >= DateOnly.Parse(from) && m.On <= DateOnly.Parse(to)).ToList();
            var summary = await GetAsync(viewer, $"/api/statistics/summary?unit={Commune}&from={from}&to={to}");
            summary.GetProperty("received").GetInt64().ShouldBe(inRange.Count, $"{from}..{to}");
            summary.GetProperty("online").GetInt64().ShouldBe(inRange.Count(m => m.Online), $"{from}..{to}");
            var intake = await GetAsync(viewer, $"/api/statistics/intake?unit={Commune}&from={from}&to={to}");
            intake.GetProperty("totals").GetProperty("total").GetInt64().ShouldBe(inRange.Count, $"{from}..{to}");
            var quarters = await GetAsync(viewer, $"/api/statistics/periods?unit={Commune}&from={from}&to={to}&period=quarter");
            quarters.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("received").GetInt64()).ShouldBe(inRange.Count, $"{from}..{to}");
            var weeks = await GetAsync(viewer, $"/api/statistics/periods?unit={Commune}&from={from}&to={to}&period=week");
            weeks.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("online").GetInt64()).ShouldBe(inRange.Count(m => m.Online), $"{from}..{to}");
        }
    }

    /// <summary>Rows that differ between the aggregates with the pending changes and a sum of the facts from scratch.</summary>
    private async Task<long> AggregateDriftAsync()
    {
        var counters = StatisticsAggregates.Counters;
        var keys = """
            cross join lateral (values ('d', c.received_on, ''),
                ('m', date_trunc('month', c.received_on)::date, c.procedure_code), ('m', date_trunc('month', c.received_on)::date, ''),
                ('y', date_trunc('year', c.received_on)::date, c.procedure_code), ('y', date_trunc('year', c.received_on)::date, '')) k (grain, period_start, code)
            """;
        var recomputed = $"""
            select c.receiving_unit, k.grain, k.period_start, k.code, {string.Join(", ", counters.Select(n => $"sum({n})"))}
              from statistics_dossier_counters c {keys} group by 1, 2, 3, 4
            """;
        var kept = $"""
            select receiving_unit, grain, period_start, procedure_code, {string.Join(", ", counters.Select(n => $"sum({n})"))} from (
                select receiving_unit, grain, period_start, procedure_code, {string.Join(", ", counters)} from statistics_counts
                union all
                select c.receiving_unit, k.grain, k.period_start, k.code, {string.Join(", ", counters.Select(n => $"c.{n} * c.sign"))}
                  from {StatisticsAggregates.PendingChanges} {keys}) a
             group by 1, 2, 3, 4 having {string.Join(" or ", counters.Select(n => $"sum({n}) <> 0"))}
            """;
        var days = $"""
            select c.receiving_unit, k.grain, k.period_start, k.code, c.processing_days, count(*)
              from statistics_dossier_counters c {keys} where c.processing_days is not null group by 1, 2, 3, 4, 5
            """;
        var keptDays = $"""
            select receiving_unit, grain, period_start, procedure_code, days, sum(dossiers) from (
                select receiving_unit, grain, period_start, procedure_code, days, dossiers from statistics_processing_days
                union all
                select c.receiving_unit, k.grain, k.period_start, k.code, c.processing_days, c.sign
                  from {StatisticsAggregates.PendingChanges} {keys} where c.processing_days is not null) a
             group by 1, 2, 3, 4, 5 having sum(dossiers) <> 0
            """;
        return await CountAsync($"select count(*) from (({recomputed}) except all ({kept})) d")
            + await CountAsync($"select count(*) from (({kept}) except all ({recomputed})) d")
            + await CountAsync($"select count(*) from (({days}) except all ({keptDays})) d")
            + await CountAsync($"select count(*) from (({keptDays}) except all ({days})) d");
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var db = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await db.ExecuteScalarAsync<long>(sql);
    }
}
