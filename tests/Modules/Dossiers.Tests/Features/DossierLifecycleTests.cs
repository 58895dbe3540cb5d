using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Dossiers.Tests.Features;

public sealed class DossierLifecycleTests(DossierApp app) : IClassFixture<DossierApp>
{
    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task a_dossier_goes_from_the_desk_through_liên_thông_and_approval_to_the_returned_result_and_a_rating()
    {
        var desk = app.ClientFor(TestOfficial.DeskOfficer(Desk));
        var specialist = app.ClientFor(new TestOfficial("hoa.pt", Agency, Roles.Specialist));
        var leader = app.ClientFor(new TestOfficial("minh.lv", Agency, Roles.Leader));
        app.Clock.Now = Local(3, 2, 9);

        var (id, code, etag, intake) = await app.ReceiveAsync(client: desk);
        code.ShouldBe($"{Desk}-260302-0001");
        etag.ShouldBe("\"1\"");
        intake.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(Local(3, 9, 17));
        var secret = intake.GetProperty("lookupSecret").GetString()!;
        secret.Length.ShouldBe(8);

        app.Clock.Now = Local(3, 2, 10);
        await app.ActOkAsync(id, "assignments", new { stepName = "Thẩm định hồ sơ", unit = Agency, assignee = "hoa.pt", workingDays = 3 }, desk);
        app.Clock.Now = Local(3, 3, 9);
        await app.ActOkAsync(id, "financial-obligations", new { description = "Lệ phí cấp giấy xác nhận", amount = 10_000 }, specialist);
        (await app.GetAsync(id, specialist)).GetProperty("status").GetString().ShouldBe("awaitingPayment");
        app.Clock.Now = Local(3, 3, 15);
        await app.ActOkAsync(id, "payments", new { description = "Lệ phí cấp giấy xác nhận", amount = 10_000, method = "Tiền mặt", receiptNumber = "BL-0001" }, desk);
        await app.ActOkAsync(id, "proposal", new { outcome = "approve", summary = "Đủ điều kiện cấp giấy xác nhận" }, specialist);
        app.Clock.Now = Local(3, 4, 10);
        await app.ActOkAsync(id, "decision", new { outcome = "approve", reasons = "Đủ điều kiện theo Điều 22 Nghị định 123/2015/NĐ-CP", documentNumber = "15/XN-STP" }, leader);
        await app.ActOkAsync(id, "result", null, leader);
        app.Clock.Now = Local(3, 5, 9);
        await app.ActOkAsync(id, "return", new { method = "desk", recipient = "Nguyễn Thị Lan" }, desk);
        using var citizen = TestOfficial.Clear(app.ClientFor(TestOfficial.Administrator));
        var rated = await app.ActOkAsync(id, "rating", new { score = 3, comment = "Cán bộ nhiệt tình", lookupSecret = secret }, citizen);

        var view = await app.GetAsync(id, desk);
        rated.ShouldBe("\"10\"");
        view.GetProperty("status").GetString().ShouldBe("returned");
        view.GetProperty("statusText").GetString().ShouldBe("Đã trả kết quả");
        view.GetProperty("handlingUnit").GetString().ShouldBe(Desk);
        view.GetProperty("timeliness").GetProperty("statusText").GetString().ShouldBe("Đúng hạn");
        view.GetProperty("decision").GetProperty("documentNumber").GetString().ShouldBe("15/XN-STP");
        view.GetProperty("rating").GetProperty("score").GetInt32().ShouldBe(3);
        view.GetProperty("timeliness").GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("unit").GetString()))
            .ShouldBe([("Tiếp nhận và chuyển hồ sơ", Desk), ("Thẩm định hồ sơ", Agency), ("Lãnh đạo xem xét, phê duyệt", Agency)]);
        var history = view.GetProperty("history").EnumerateArray().ToList();
        history.Count.ShouldBe(10);
        history[1].GetProperty("description").GetString().ShouldStartWith("Chuyển liên thông bước «Thẩm định hồ sơ» đến đơn vị 000.00.31.H27");
        history[1].GetProperty("actor").GetString().ShouldBe($"user:desk-{Desk}");
        history[1].GetProperty("unit").GetString().ShouldBe(Desk);
        history[^1].GetProperty("description").GetString().ShouldBe("Người nộp đánh giá mức độ hài lòng: 3/3.");
    }

    [Fact]
    public async Task an_online_dossier_stays_submitted_until_accepted_and_a_retried_submission_gives_the_same_dossier()
    {
        app.Clock.Now = Local(3, 6, 16);
        var submission = new
        {
            portalReference = "G22.99-260306-" + Guid.NewGuid().ToString("N")[..6],
            unitCode = Desk,
            procedureCode = Marriage,
            applicant = Applicant(),
            components = new[] { new { code = "TK", originals = 1, copies = 0 } },
        };

        using var first = await app.Client.PostAsJsonAsync("/api/dossiers/online", submission, Json);
        using var retry = await app.Client.PostAsJsonAsync("/api/dossiers/online", submission, Json);

        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await retry.Content.ReadFromJsonAsync<JsonElement>();
        first.StatusCode.ShouldBe(HttpStatusCode.Created, a.ToString());
        b.GetProperty("id").GetGuid().ShouldBe(a.GetProperty("id").GetGuid());
        b.GetProperty("code").GetString().ShouldBe(a.GetProperty("code").GetString());
        var id = a.GetProperty("id").GetGuid();
        var submitted = await app.GetAsync(id);
        submitted.GetProperty("statusText").GetString().ShouldBe("Mới đăng ký (nộp trực tuyến, chờ tiếp nhận)");
        submitted.GetProperty("dueAt").ValueKind.ShouldBe(JsonValueKind.Null);
        submitted.GetProperty("history").GetArrayLength().ShouldBe(1);

        app.Clock.Now = Local(3, 9, 8, 30);
        await app.ActOkAsync(id, "acceptance");

        var accepted = await app.GetAsync(id);
        accepted.GetProperty("status").GetString().ShouldBe("received");
        accepted.GetProperty("receivedAt").GetDateTimeOffset().ShouldBe(Local(3, 9, 8, 30), "the clock starts at acceptance, not at submission");
        accepted.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(Local(3, 16, 17));
    }

    [Fact]
    public async Task a_refused_online_dossier_is_closed_with_its_reason_and_accepts_nothing_more()
    {
        app.Clock.Now = Local(3, 10, 9);
        using var submitted = await app.Client.PostAsJsonAsync("/api/dossiers/online", new
        {
            portalReference = "REF-" + Guid.NewGuid().ToString("N")[..8], unitCode = Desk, procedureCode = Marriage, applicant = Applicant(),
            components = new[] { new { code = "TK" } },
        }, Json);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await app.ActOkAsync(id, "refusal", new { reason = "Người yêu cầu không cư trú trên địa bàn, hướng dẫn nộp tại UBND phường nơi cư trú." });
        using var late = await app.ActAsync(id, "acceptance");

        var problem = await ProblemAsync(late, HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("dossier.illegal_transition");
        problem.GetProperty("detail").GetString()!.ShouldContain("đang ở trạng thái «Từ chối tiếp nhận»");
        var view = await app.GetAsync(id);
        view.GetProperty("history").GetArrayLength().ShouldBe(2);
        view.GetProperty("closingReason").GetString()!.ShouldStartWith("Người yêu cầu không cư trú");
    }

    [Fact]
    public async Task the_overdue_queue_lists_a_dossier_past_its_step_due_time_naming_the_step_and_unit()
    {
        app.Clock.Now = Local(3, 11, 9);
        var (id, code, _, _) = await app.ReceiveAsync();
        await app.ActOkAsync(id, "assignments", new { stepName = "Xác minh", assignee = "test-admin", workingDays = 1 });

        app.Clock.Now = Local(3, 13, 9);
        using var overdue = await app.Client.GetAsync("/api/dossiers?queue=overdue&pageSize=200");
        using var mine = await app.Client.GetAsync("/api/dossiers?queue=mine&pageSize=200");
        app.Clock.Now = Local(3, 19, 9);
        var view = await app.GetAsync(id);

        var rows = (await overdue.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        var row = rows.Single(r => r.GetProperty("code").GetString() == code);
        row.GetProperty("stepName").GetString().ShouldBe("Xác minh");
        row.GetProperty("applicantIdentity").GetString().ShouldBe("001******345");
        (await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
            .ShouldContain(r => r.GetProperty("id").GetGuid() == id);
        var timeliness = view.GetProperty("timeliness");
        timeliness.GetProperty("statusText").GetString().ShouldBe("Quá hạn");
        timeliness.GetProperty("responsibleStepName").GetString().ShouldBe("Xác minh");
        timeliness.GetProperty("responsibleUnit").GetString().ShouldBe(Desk);
    }
}
