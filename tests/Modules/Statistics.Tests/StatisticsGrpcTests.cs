using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.EventStore.Projections;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Statistics.Tests;

/// <summary>gRPC StatisticsService as a provincial portal on the C-core (python3-grpcio) reads it, against the real host on its ports.</summary>
public sealed class StatisticsGrpcTests(PlatformServer server) : IClassFixture<PlatformServer>
{
    [Fact]
    public async Task the_portal_reads_the_same_summary_table_and_ranking_as_rest()
    {
        using var admin = server.CreateRestClient();
        await RegisterCatalogueAsync(admin);
        // A second field with none of the dossiers: the portal's per-field figures for it are zero.
        using (var field = await admin.PostAsJsonAsync("/api/catalogue/fields", new { code = "TN-MT", name = "Tài nguyên và Môi trường", order = 2 }, Json))
        {
            (field.IsSuccessStatusCode || field.StatusCode == HttpStatusCode.Conflict).ShouldBeTrue(await field.Content.ReadAsStringAsync());
        }
        using var commune = TestOfficial.DeskOfficer(Commune).ApplyTo(new HttpClient { BaseAddress = server.RestAddress });
        using var desk = TestOfficial.DeskOfficer(Desk).ApplyTo(new HttpClient { BaseAddress = server.RestAddress });
        for (var i = 0; i < 3; i++)
        {
            (await commune.PostAsJsonAsync("/api/dossiers", Intake(), Json)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using (var online = await desk.PostAsJsonAsync("/api/dossiers/online", new
        {
            portalReference = "DVC-" + Guid.NewGuid().ToString("N")[..10], unitCode = Desk, procedureCode = Marriage, applicant = Applicant(),
            components = new[] { new { code = "TK" } },
        }, Json))
        {
            online.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await StatisticsProjection.CaughtUpAsync(server.Services);

        var today = VietnamTime.Today(TimeProvider.System);
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var viewer = new TestOfficial("tk.minh", Desk, Roles.StatisticsViewer).ApplyTo(new HttpClient { BaseAddress = server.RestAddress });
        var rest = JsonDocument.Parse(await viewer.GetStringAsync($"/api/statistics/summary?unit={Desk}&from={day}&to={day}")).RootElement;
        rest.GetProperty("received").GetInt64().ShouldBe(4);
        var week = $"{ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue)):00}";

        var (exitCode, output) = await server.RunPythonAsync("statistics_client.py", "--unit", Desk, "--day", day,
            "--received", rest.GetProperty("received").GetInt64().ToString(CultureInfo.InvariantCulture),
            "--online", rest.GetProperty("online").GetInt64().ToString(CultureInfo.InvariantCulture), "--week", week, "--ranked", $"{Commune},{Agency}");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("statistics: passed");
    }
}
