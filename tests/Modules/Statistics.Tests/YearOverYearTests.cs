using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Onestop.EventStore.Projections;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Statistics.Tests;

public sealed class YearOverYearTests(DossierApp app) : IClassFixture<DossierApp>
{
    private static DateTimeOffset On(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task a_year_under_way_is_compared_with_the_same_days_of_the_year_before()
    {
        foreach (var day in new[] { On(2026, 9, 3), On(2026, 9, 4), On(2026, 9, 8) })
        {
            app.Clock.Now = day;
            await app.ReceiveAsync();
        }

        app.Clock.Now = On(2027, 9, 6);
        for (var i = 0; i < 3; i++)
        {
            await app.ReceiveAsync();
        }

        await StatisticsProjection.CaughtUpAsync(app.Services);

        var viewer = app.ClientFor(new TestOfficial("tk.minh", Desk, Roles.Leader));
        var report = await viewer.GetFromJsonAsync<JsonElement>($"/api/statistics/year-over-year?unit={Desk}&year=2027");

        report.GetProperty("through").GetString().ShouldBe("2027-09-06");
        report.GetProperty("current").GetProperty("received").GetInt64().ShouldBe(3);
        report.GetProperty("previous").GetProperty("received").GetInt64().ShouldBe(2, "8/9/2026 is after the same day of the year before");
        report.GetProperty("previous").GetProperty("scope").GetProperty("to").GetString().ShouldBe("2026-09-06");
        report.GetProperty("receivedChangePercent").GetDecimal().ShouldBe(50m);
    }
}
