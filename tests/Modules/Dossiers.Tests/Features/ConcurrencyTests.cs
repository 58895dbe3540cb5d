using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Dossiers.Tests.Features;

public sealed class ConcurrencyTests(DossierApp app) : IClassFixture<DossierApp>
{
    [Fact]
    public async Task fifty_parallel_intakes_at_one_unit_get_unique_codes_numbered_1_to_50_without_gaps()
    {
        app.Clock.Now = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(7));
        var desk = app.ClientFor(TestOfficial.DeskOfficer(Agency));

        var intakes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await desk.PostAsJsonAsync("/api/dossiers", Intake(), Json);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        }));

        intakes.Distinct().Count().ShouldBe(50);
        intakes.ShouldAllBe(code => code.StartsWith($"{Agency}-260401-"));
        intakes.Select(code => int.Parse(code[^4..])).Order().ShouldBe(Enumerable.Range(1, 50));
    }

    [Fact]
    public async Task two_officers_acting_on_the_same_version_at_once_one_wins_and_the_other_gets_412_with_nothing_appended()
    {
        app.Clock.Now = new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.FromHours(7));
        var (id, _, etag, _) = await app.ReceiveAsync();
        var lan = app.ClientFor(new TestOfficial("lan.nt", Desk, Roles.DeskOfficer));
        var hung = app.ClientFor(new TestOfficial("hung.tv", Desk, Roles.Specialist));

        var responses = await Task.WhenAll(
            app.ActAsync(id, "assignments", new { stepName = "Thẩm định", assignee = "lan.nt" }, etag, lan),
            app.ActAsync(id, "supplement-requests", new { missing = new[] { "Tờ khai ký chưa đúng" } }, etag, hung));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed]);
        var loser = await ProblemAsync(responses.Single(r => r.StatusCode != HttpStatusCode.OK), HttpStatusCode.PreconditionFailed);
        loser.GetProperty("detail").GetString()!.ShouldContain("Vui lòng tải lại");
        var view = await app.GetAsync(id);
        view.GetProperty("version").GetInt64().ShouldBe(2);
        view.GetProperty("history").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task a_transition_on_a_stale_etag_is_refused_with_412_and_the_current_etag_is_served_on_read()
    {
        app.Clock.Now = new DateTimeOffset(2026, 4, 2, 10, 0, 0, TimeSpan.FromHours(7));
        var (id, _, etag, _) = await app.ReceiveAsync();
        var fresh = await app.ActOkAsync(id, "assignments", new { stepName = "Thẩm định" });

        using var stale = await app.ActAsync(id, "withdrawal", new { reason = "Người nộp đề nghị rút" }, etag);
        using var read = await app.Client.GetAsync($"/api/dossiers/{id}");

        var problem = await ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        problem.GetProperty("code").GetString().ShouldBe("dossier.version_mismatch");
        read.Headers.ETag!.Tag.ShouldBe(fresh);
        (await app.GetAsync(id)).GetProperty("status").GetString().ShouldBe("inProcessing");
    }
}
