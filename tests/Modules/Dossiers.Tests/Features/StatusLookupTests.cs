using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Dossiers.Tests.Features;

/// <summary>The citizen's status lookup by dossier code and the secret printed on the receipt, over REST and on the public page.</summary>
public sealed class StatusLookupTests(DossierApp app) : IClassFixture<DossierApp>
{
    // All of this class's lookups come from one test address: its own host allows them more than a citizen gets.
    private readonly HttpClient citizen = TestOfficial.Clear(app.ClientWithSettings(("Dossiers:Lookup:PermitsPerMinute", "1000")));

    private static DateTimeOffset Local(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task a_citizen_sees_the_state_the_due_date_and_why_the_history_and_that_nothing_is_needed_yet()
    {
        app.Clock.Now = Local(2, 12, 10);
        var (_, code, _, intake) = await app.ReceiveAsync();

        var status = await LookUpAsync(code, intake.GetProperty("lookupSecret").GetString()!);

        status.GetProperty("statusText").GetString().ShouldBe("Đã tiếp nhận");
        status.GetProperty("procedureName").GetString().ShouldBe("Cấp Giấy xác nhận tình trạng hôn nhân");
        status.GetProperty("receivingUnitName").GetString().ShouldBe("Trung tâm Phục vụ hành chính công tỉnh");
        status.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(Local(2, 26, 17));
        status.GetProperty("dueExplanation").EnumerateArray().Select(l => l.GetString()).ShouldContain(l => l!.Contains("Tết"));
        status.GetProperty("nextStep").GetString()!.ShouldStartWith("Hồ sơ đang được giải quyết; ông/bà không cần làm gì thêm. Hẹn trả kết quả: 17:00 ngày 26/02/2026");
        status.GetProperty("history").EnumerateArray().Single().GetProperty("description").GetString()!.ShouldStartWith("Tiếp nhận hồ sơ");
        status.ToString().ShouldNotContain("001190012345", customMessage: "the identity number is not shown on the public lookup");
    }

    [Fact]
    public async Task the_next_step_names_the_missing_papers_and_then_the_fee_to_pay()
    {
        app.Clock.Now = Local(3, 2, 9);
        var (id, code, _, intake) = await app.ReceiveAsync();
        var secret = intake.GetProperty("lookupSecret").GetString()!;

        await app.ActOkAsync(id, "supplement-requests", new { missing = new[] { "Bản sao trích lục ly hôn" }, note = "Bản sao phải có chứng thực" });
        (await LookUpAsync(code, secret)).GetProperty("nextStep").GetString()!.ShouldStartWith("Ông/bà cần bổ sung, hoàn thiện hồ sơ: Bản sao trích lục ly hôn.");

        await app.ActOkAsync(id, "supplements", new { components = new[] { new { code = "LH", originals = 0, copies = 1 } } });
        await app.ActOkAsync(id, "financial-obligations", new { description = "Lệ phí cấp giấy xác nhận", amount = 10_000 });
        (await LookUpAsync(code, secret)).GetProperty("nextStep").GetString()!.ShouldStartWith("Ông/bà cần thực hiện nghĩa vụ tài chính: nộp 10.000 đồng (Lệ phí cấp giấy xác nhận)");
    }

    [Fact]
    public async Task an_unknown_code_and_a_wrong_secret_get_the_same_answer()
    {
        var (_, code, _, _) = await app.ReceiveAsync();

        using var wrongSecret = await citizen.PostAsJsonAsync("/api/public/dossiers/status", new { code, secret = "ZZZZ2222" });
        using var unknownCode = await citizen.PostAsJsonAsync("/api/public/dossiers/status", new { code = Desk + "-260101-9999", secret = "ZZZZ2222" });

        var first = await ProblemAsync(wrongSecret, HttpStatusCode.NotFound);
        var second = await ProblemAsync(unknownCode, HttpStatusCode.NotFound);
        first.GetProperty("detail").GetString().ShouldBe(second.GetProperty("detail").GetString());
        first.GetProperty("code").GetString().ShouldBe("dossier.lookup_no_match");
        second.GetProperty("code").GetString().ShouldBe("dossier.lookup_no_match");
        using var empty = await citizen.PostAsJsonAsync("/api/public/dossiers/status", new { code = "", secret = "" });
        (await ProblemAsync(empty, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["code", "secret"], ignoreOrder: true);
    }

    [Fact]
    public async Task after_ten_wrong_secrets_a_code_is_refused_even_with_the_right_one()
    {
        var (_, code, _, intake) = await app.ReceiveAsync();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var wrong = await citizen.PostAsJsonAsync("/api/public/dossiers/status", new { code, secret = $"WRONG{attempt:000}" });
            wrong.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using var locked = await citizen.PostAsJsonAsync("/api/public/dossiers/status", new { code, secret = intake.GetProperty("lookupSecret").GetString() });

        (await ProblemAsync(locked, HttpStatusCode.TooManyRequests)).GetProperty("code").GetString().ShouldBe("dossier.lookup_rate_limited");
        locked.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task one_address_looking_up_too_often_is_told_to_wait()
    {
        var (_, code, _, intake) = await app.ReceiveAsync();
        var secret = intake.GetProperty("lookupSecret").GetString()!;
        using var limited = TestOfficial.Clear(app.ClientWithSettings(("Dossiers:Lookup:PermitsPerMinute", "3")));

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await limited.PostAsJsonAsync("/api/public/dossiers/status", new { code, secret });
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task the_page_the_receipts_qr_code_opens_shows_the_status_and_a_wrong_secret_shows_the_form_again()
    {
        app.Clock.Now = Local(3, 2, 9);
        var (_, code, _, intake) = await app.ReceiveAsync();
        var secret = intake.GetProperty("lookupSecret").GetString()!;

        using var opened = await citizen.GetAsync($"/tra-cuu-ho-so?ma={Uri.EscapeDataString(code)}&k={secret}");
        var page = await opened.Content.ReadAsStringAsync();
        opened.StatusCode.ShouldBe(HttpStatusCode.OK);
        opened.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        opened.Headers.CacheControl!.NoStore.ShouldBeTrue();
        page.ShouldContain($"Hồ sơ {code}");
        page.ShouldContain("Đã tiếp nhận");
        page.ShouldContain("Hẹn trả kết quả");
        page.ShouldContain("17:00 ngày 09/03/2026");
        page.ShouldContain("Quá trình giải quyết");

        using var posted = await citizen.PostAsync("/tra-cuu-ho-so", new FormUrlEncodedContent([new("ma", code), new("k", secret.ToLowerInvariant())]));
        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await posted.Content.ReadAsStringAsync()).ShouldContain("Đã tiếp nhận");

        using var wrong = await citizen.GetAsync($"/tra-cuu-ho-so?ma={Uri.EscapeDataString(code)}&k=WRONG222");
        wrong.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var form = await wrong.Content.ReadAsStringAsync();
        form.ShouldContain("Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu đã nhập");
        form.ShouldContain($"value=\"{code}\"");
        form.ShouldNotContain("Đã tiếp nhận");

        using var blank = await citizen.GetAsync("/tra-cuu-ho-so");
        blank.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await blank.Content.ReadAsStringAsync()).ShouldContain("<form method=\"post\" action=\"/tra-cuu-ho-so\">");
    }

    [Fact]
    public async Task a_returned_dossier_invites_the_citizen_to_rate_it()
    {
        var desk = app.ClientFor(TestOfficial.DeskOfficer(Desk));
        var specialist = app.ClientFor(new TestOfficial("hoa.pt", Desk, Roles.Specialist));
        var leader = app.ClientFor(new TestOfficial("minh.lv", Desk, Roles.Leader));
        var (id, code, _, intake) = await app.ReceiveAsync(client: desk);
        await app.ActOkAsync(id, "assignments", new { stepName = "Thẩm định hồ sơ", assignee = "hoa.pt" }, desk);
        await app.ActOkAsync(id, "proposal", new { outcome = "approve", summary = "Đủ điều kiện" }, specialist);
        await app.ActOkAsync(id, "decision", new { outcome = "approve", reasons = "Đủ điều kiện" }, leader);
        await app.ActOkAsync(id, "result", null, leader);
        (await LookUpAsync(code, intake.GetProperty("lookupSecret").GetString()!)).GetProperty("nextStep").GetString()!
            .ShouldBe("Kết quả đã có. Mời ông/bà mang theo giấy tiếp nhận hồ sơ đến Trung tâm Phục vụ hành chính công tỉnh để nhận kết quả.");

        await app.ActOkAsync(id, "return", new { method = "desk", recipient = "Nguyễn Thị Lan" }, desk);

        (await LookUpAsync(code, intake.GetProperty("lookupSecret").GetString()!)).GetProperty("nextStep").GetString()
            .ShouldBe("Đã trả kết quả. Mời ông/bà đánh giá mức độ hài lòng với việc giải quyết hồ sơ.");
    }

    private async Task<JsonElement> LookUpAsync(string code, string secret)
    {
        using var response = await citizen.PostAsJsonAsync("/api/public/dossiers/status", new { code, secret });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
