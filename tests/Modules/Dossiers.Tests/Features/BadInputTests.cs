using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Dossiers.Tests.Features;

/// <summary>Each refusal names the field, in Vietnamese, and appends nothing: the unit's next code has no gap.</summary>
public sealed class BadInputTests(DossierApp app) : IClassFixture<DossierApp>
{
    private static readonly DateTimeOffset Day = new(2026, 5, 4, 9, 0, 0, TimeSpan.FromHours(7));

    public static TheoryData<string, string, string> Refusals() => new()
    {
        { "missing required component", """{"procedureCode":"1.000893","applicant":{"fullName":"Nguyễn Văn An","identityNumber":"001090001234","phone":"0987654321"},"components":[{"code":"UQ"}]}""", "components" },
        { "unknown component", """{"procedureCode":"1.000893","applicant":{"fullName":"Nguyễn Văn An","identityNumber":"001090001234","phone":"0987654321"},"components":[{"code":"TK"},{"code":"XX"}]}""", "components[1].code" },
        { "unknown procedure", """{"procedureCode":"9.999999","applicant":{"fullName":"Nguyễn Văn An","identityNumber":"001090001234","phone":"0987654321"},"components":[]}""", "procedureCode" },
        { "identity number of 9 digits", """{"procedureCode":"1.000893","applicant":{"fullName":"Nguyễn Văn An","identityNumber":"123456789","phone":"0987654321"},"components":[{"code":"TK"}]}""", "applicant.identityNumber" },
        { "foreign phone number", """{"procedureCode":"1.000893","applicant":{"fullName":"Nguyễn Văn An","identityNumber":"001090001234","phone":"+14155550100"},"components":[{"code":"TK"}]}""", "applicant.phone" },
        { "applicant of another area", """{"procedureCode":"1.004227","applicant":{"fullName":"Nguyễn Văn An","identityNumber":"001090001234","phone":"0987654321","areaCode":"000.00.99.H01"},"components":[{"code":"TK"}]}""", "applicant.areaCode" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task an_intake_with_bad_input_is_refused_with_the_field_and_appends_nothing(string why, string body, string field)
    {
        app.Clock.Now = Day;
        var desk = app.ClientFor(TestOfficial.DeskOfficer(Commune));
        var before = await CountAsync(Commune);

        using var response = await desk.PostAsync("/api/dossiers", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out var messages).ShouldBeTrue($"{why}: {problem}");
        messages[0].GetString()!.ShouldNotBeNullOrWhiteSpace();
        (await CountAsync(Commune)).ShouldBe(before, why);
    }

    [Fact]
    public async Task a_refused_intake_leaves_no_gap_in_the_unit_s_daily_sequence()
    {
        app.Clock.Now = Day.AddDays(1);
        var desk = app.ClientFor(TestOfficial.DeskOfficer(Agency));
        var first = await app.ReceiveAsync(client: desk);
        using var refused = await desk.PostAsJsonAsync("/api/dossiers", Intake(applicant: Applicant(phone: "12345")), Json);
        var second = await app.ReceiveAsync(client: desk);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        first.Code.ShouldEndWith("-260505-0001");
        second.Code.ShouldEndWith("-260505-0002");
    }

    [Fact]
    public async Task a_procedure_suspended_by_decision_takes_no_dossier()
    {
        app.Clock.Now = Day;
        var code = "2.00" + Random.Shared.Next(1000, 9999);
        (await app.Client.PostAsJsonAsync("/api/catalogue/procedures", new
        {
            code, content = MarriageStatus(), decision = new { number = "3/QĐ", signedOn = "2025-07-01", issuer = "UBND tỉnh", effectiveFrom = "2025-07-01" },
        }, Json)).EnsureSuccessStatusCode();
        // Received once before the suspension: the host has the procedure at hand, and must see the suspension all the same.
        await app.ReceiveAsync(Intake(code));
        (await app.Client.PostAsJsonAsync($"/api/catalogue/procedures/{code}/suspension", new
        {
            reason = "Chờ sửa đổi", decision = new { number = "4/QĐ", signedOn = "2026-01-01", issuer = "UBND tỉnh", effectiveFrom = "2026-01-01" },
        }, Json)).EnsureSuccessStatusCode();

        using var response = await app.Client.PostAsJsonAsync("/api/dossiers", Intake(code), Json);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("procedureCode")[0].GetString().ShouldBe($"Thủ tục {code} đang bị tạm dừng áp dụng, không tiếp nhận hồ sơ.");
    }

    [Fact]
    public async Task an_official_of_another_unit_is_forbidden_and_nothing_is_appended()
    {
        app.Clock.Now = Day;
        var (id, _, etag, _) = await app.ReceiveAsync();
        var outsider = app.ClientFor(new TestOfficial("khanh.dv", Commune, Roles.Specialist, Roles.DeskOfficer));

        using var response = await app.ActAsync(id, "assignments", new { stepName = "Thẩm định" }, etag, outsider);
        using var read = await outsider.GetAsync($"/api/dossiers/{id}");

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
        problem.GetProperty("code").GetString().ShouldBe("dossier.other_unit");
        problem.GetProperty("detail").GetString().ShouldBe($"Hồ sơ {(await app.GetAsync(id)).GetProperty("code").GetString()} đang do đơn vị {Desk} xử lý; cán bộ của đơn vị {Commune} không được thực hiện thao tác này.");
        read.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.GetAsync(id)).GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task an_official_without_a_dossier_role_is_forbidden_and_an_anonymous_caller_must_log_in()
    {
        var controller = app.ClientFor(new TestOfficial("kiem.soat", Desk, Roles.CatalogueController));
        using var anonymous = TestOfficial.Clear(app.ClientFor(TestOfficial.Administrator));

        using var forbidden = await controller.PostAsJsonAsync("/api/dossiers", Intake(), Json);
        using var unauthenticated = await anonymous.PostAsJsonAsync("/api/dossiers", Intake(), Json);

        (await ProblemAsync(forbidden, HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("auth.role_required");
        await ProblemAsync(unauthenticated, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task an_illegal_transition_is_a_conflict_in_vietnamese_and_appends_nothing()
    {
        app.Clock.Now = Day;
        var (id, code, _, _) = await app.ReceiveAsync();

        using var response = await app.ActAsync(id, "return", new { method = "desk" });

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("dossier.illegal_transition");
        problem.GetProperty("detail").GetString().ShouldBe($"Không thể trả kết quả: hồ sơ {code} đang ở trạng thái «Đã tiếp nhận».");
        (await app.GetAsync(id)).GetProperty("version").GetInt64().ShouldBe(1);
    }

    private async Task<long> CountAsync(string unit)
    {
        var page = await app.ClientFor(new TestOfficial("auditor", Desk, Roles.Auditor)).GetFromJsonAsync<JsonElement>($"/api/dossiers?unit={unit}&pageSize=1");
        return page.GetProperty("total").GetInt64();
    }
}
