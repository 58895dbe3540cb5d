using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Dossiers.Tests.Features;

/// <summary>An auditor sees applicants masked; the officials who serve them see them in full, and each such read is recorded.</summary>
public sealed class PersonalDataTests(DossierApp app) : IClassFixture<DossierApp>
{
    private static readonly TestOfficial Auditor = new("kiem.tra", Desk, Roles.Auditor);
    private static readonly TestOfficial Desk1 = TestOfficial.DeskOfficer();

    [Fact]
    public async Task an_auditor_gets_the_applicant_masked_in_the_dossier_its_queue_and_its_history_and_the_chain_still_verifies()
    {
        var (id, code, _, _) = await app.ReceiveAsync(client: app.ClientFor(Desk1));
        using var auditor = app.ClientFor(Auditor);

        var applicant = (await auditor.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("applicant");
        applicant.GetProperty("fullName").GetString().ShouldBe("N***** T** L**");
        applicant.GetProperty("identityNumber").GetString().ShouldBe("001******345");
        applicant.GetProperty("phone").GetString().ShouldBe("*******678");
        applicant.GetProperty("address").GetString().ShouldBe("***");

        var queue = await auditor.GetFromJsonAsync<JsonElement>($"/api/dossiers?unit={Desk}&q={code}");
        queue.GetProperty("items")[0].GetProperty("applicantName").GetString().ShouldBe("N***** T** L**");

        var history = await auditor.GetStringAsync($"/api/dossiers/{code}/history");
        history.ShouldNotContain("Nguyễn Thị Lan");
        history.ShouldNotContain("001190012345");
        history.ShouldNotContain("Trần Phú");
        var verification = await auditor.GetFromJsonAsync<JsonElement>($"/api/dossiers/{code}/history/verify");
        verification.GetProperty("valid").GetBoolean().ShouldBeTrue();

        (await ReadsAsync(code)).ShouldNotContain(r => r.Actor == "user:kiem.tra" && r.Purpose != "dossier.history_export");
    }

    [Fact]
    public async Task a_desk_officer_sees_the_applicant_in_full_and_the_read_is_recorded_with_who_when_and_why()
    {
        var (id, code, _, _) = await app.ReceiveAsync(client: app.ClientFor(Desk1));
        using var desk = app.ClientFor(Desk1);
        desk.DefaultRequestHeaders.Add("X-Correlation-Id", "doc-ho-so-day-du");

        var applicant = (await desk.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("applicant");

        applicant.GetProperty("fullName").GetString().ShouldBe("Nguyễn Thị Lan");
        applicant.GetProperty("identityNumber").GetString().ShouldBe("001190012345");
        var read = (await ReadsAsync(code)).ShouldHaveSingleItem();
        read.Actor.ShouldBe($"user:{Desk1.Login}");
        read.Unit.ShouldBe(Desk);
        read.Purpose.ShouldBe("dossier.view");
        read.CorrelationId.ShouldBe("doc-ho-so-day-du");
    }

    private async Task<List<Read>> ReadsAsync(string code)
    {
        await using var db = app.Services.GetRequiredService<NpgsqlDataSource>().CreateConnection();
        return (await db.QueryAsync<Read>(
            "select actor, unit, purpose, correlation_id as correlationid from personal_data_reads where subject = @code order by id", new { code })).ToList();
    }

    private sealed record Read(string Actor, string? Unit, string Purpose, string CorrelationId);
}
