using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Onestop.Catalogue.Features.QrCodes;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Dossiers.Tests.Features;

/// <summary>The official forms as an official prints them: what the page says, read as text, and the QR code's payload.</summary>
public sealed partial class FormsTests(DossierApp app) : IClassFixture<DossierApp>
{
    private static readonly QrImages Qr = new();

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task the_receipt_shows_the_applicant_each_component_the_due_date_the_unit_under_its_parent_and_a_qr_code_of_the_status_page()
    {
        var desk = app.ClientFor(TestOfficial.DeskOfficer(Commune));
        app.Clock.Now = Local(3, 2, 9);
        var (id, code, _, _) = await app.ReceiveAsync(Intake(components:
        [
            new { code = "TK", originals = 1, copies = 0 },
            new { code = "UQ", originals = 1, copies = 2 },
        ]), desk);

        var html = await FormAsync(desk, $"/api/dossiers/{id}/forms/receipt", post: true);

        var text = Text(html);
        text.ShouldContain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
        text.ShouldContain($"Mã hồ sơ: {code}");
        text.ShouldContain("Tiếp nhận hồ sơ của: Nguyễn Thị Lan");
        text.ShouldContain("Số định danh cá nhân: 001190012345", Case.Sensitive, "the receipt is the applicant's own paper: the number in full");
        text.ShouldContain("Địa chỉ: 12 Trần Phú, Hà Tĩnh");
        text.ShouldContain("Số điện thoại: 0912345678");
        text.ShouldContain("Cấp Giấy xác nhận tình trạng hôn nhân (mã thủ tục 1.000893)");
        text.ShouldContain("1 Tờ khai cấp Giấy xác nhận tình trạng hôn nhân 1 0");
        text.ShouldContain("2 Văn bản ủy quyền 1 2");
        text.ShouldContain("Thời gian nhận hồ sơ: 02/03/2026 09:00");
        text.ShouldContain("Thời gian hẹn trả kết quả giải quyết hồ sơ: 09/03/2026 17:00");
        text.ShouldContain("Nhận kết quả tại: Bộ phận Một cửa, UBND phường Hà Huy Tập, Số 1 Nguyễn Du, phường Hà Huy Tập");
        text.ShouldContain("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH UBND PHƯỜNG HÀ HUY TẬP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc");
        text.ShouldContain("Hà Tĩnh, ngày 02 tháng 03 năm 2026");
        text.ShouldContain("NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) desk-000.00.12.H27");
        text.ShouldContain("Mã tra cứu hồ sơ được in trên Giấy tiếp nhận bản gốc");
        html.ShouldContain(Qr.InlineSvg($"{PublicBaseUrl}/tra-cuu-ho-so?ma={Uri.EscapeDataString(code)}"));
    }

    [Fact]
    public async Task the_receipt_prints_the_lookup_secret_and_puts_it_in_the_qr_code_only_when_it_matches()
    {
        app.Clock.Now = Local(3, 2, 10);
        var (id, code, _, intake) = await app.ReceiveAsync();
        var secret = intake.GetProperty("lookupSecret").GetString()!;

        var html = await FormAsync(app.Client, $"/api/dossiers/{id}/forms/receipt", post: true, body: new { lookupSecret = secret.ToLowerInvariant() });
        using var wrong = await app.Client.PostAsJsonAsync($"/api/dossiers/{id}/forms/receipt", new { lookupSecret = "ZZZZ2222" }, Json);

        Text(html).ShouldContain($"Mã tra cứu: {secret}");
        html.ShouldContain(Qr.InlineSvg($"{PublicBaseUrl}/tra-cuu-ho-so?ma={Uri.EscapeDataString(code)}&k={secret}"));
        var problem = await ProblemAsync(wrong, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("lookupSecret")[0].GetString()!.ShouldStartWith($"Mã tra cứu không đúng với hồ sơ {code}");
    }

    [Fact]
    public async Task the_receipt_comes_as_a_pdf_when_asked_for_in_the_address_or_the_accept_header()
    {
        app.Clock.Now = Local(3, 2, 14);
        var (id, code, _, _) = await app.ReceiveAsync();
        using var byQuery = await app.Client.PostAsync($"/api/dossiers/{id}/forms/receipt?format=pdf", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/dossiers/{id}/forms/receipt");
        request.Headers.Accept.ParseAdd("application/pdf");
        using var byAccept = await app.Client.SendAsync(request);
        using var unknown = await app.Client.PostAsync($"/api/dossiers/{id}/forms/receipt?format=docx", null);

        foreach (var response in new[] { byQuery, byAccept })
        {
            var bytes = await response.Content.ReadAsByteArrayAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
            var readable = Encoding.UTF8.GetString(bytes);
            readable.ShouldContain($"Giấy tiếp nhận hồ sơ và hẹn trả kết quả {code}", Case.Sensitive, "the document title, in Vietnamese");
            readable.ShouldContain("DejaVu", Case.Sensitive, "a font with Vietnamese letters is embedded");
        }

        (await ProblemAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("format", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task the_supplement_request_lists_the_missing_items_and_a_dossier_never_asked_has_none()
    {
        app.Clock.Now = Local(3, 3, 9);
        var (id, code, _, _) = await app.ReceiveAsync();
        var (untouched, _, _, _) = await app.ReceiveAsync();
        await app.ActOkAsync(id, "supplement-requests", new
        {
            missing = new[] { "Bản sao trích lục ly hôn", "Văn bản ủy quyền có chứng thực" },
            note = "Nộp bổ sung tại Bộ phận Một cửa",
        });

        var text = Text(await FormAsync(app.Client, $"/api/dossiers/{id}/forms/supplement-request"));
        using var none = await app.Client.GetAsync($"/api/dossiers/{untouched}/forms/supplement-request");

        text.ShouldContain("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
        text.ShouldContain($"Mã hồ sơ: {code}");
        text.ShouldContain("Trung tâm Phục vụ hành chính công tỉnh đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau: Bản sao trích lục ly hôn Văn bản ủy quyền có chứng thực");
        text.ShouldContain("Ghi chú: Nộp bổ sung tại Bộ phận Một cửa");
        text.ShouldContain("không tính vào thời hạn giải quyết");
        var problem = await ProblemAsync(none, HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("dossier.form_not_applicable");
        problem.GetProperty("detail").GetString()!.ShouldContain("chưa từng được yêu cầu bổ sung");
    }

    [Fact]
    public async Task the_refusal_of_an_online_dossier_gives_the_reason_and_a_received_dossier_has_no_refusal()
    {
        app.Clock.Now = Local(3, 4, 9);
        using var submitted = await app.Client.PostAsJsonAsync("/api/dossiers/online", new
        {
            portalReference = "REF-" + Guid.NewGuid().ToString("N")[..8], unitCode = Desk, procedureCode = Marriage, applicant = Applicant(),
            components = new[] { new { code = "TK" } },
        }, Json);
        var online = (await submitted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        await app.ActOkAsync(online, "refusal", new { reason = "Người yêu cầu không cư trú trên địa bàn, hướng dẫn nộp tại UBND phường nơi cư trú." });
        var (received, _, _, _) = await app.ReceiveAsync();

        var text = Text(await FormAsync(app.Client, $"/api/dossiers/{online}/forms/refusal"));
        using var notRefused = await app.Client.GetAsync($"/api/dossiers/{received}/forms/refusal");

        text.ShouldContain("PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ");
        text.ShouldContain("thông báo không tiếp nhận hồ sơ này với lý do cụ thể như sau: Người yêu cầu không cư trú trên địa bàn, hướng dẫn nộp tại UBND phường nơi cư trú.");
        text.ShouldContain("Ngày nộp trực tuyến: 04/03/2026 09:00");
        var problem = await ProblemAsync(notRefused, HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("dossier.form_not_applicable");
        problem.GetProperty("detail").GetString()!.ShouldContain("không bị từ chối tiếp nhận hay từ chối giải quyết (trạng thái «Đã tiếp nhận»)");
    }

    [Fact]
    public async Task the_stop_notice_gives_the_reason_processing_stopped_and_a_dossier_still_processed_has_none()
    {
        app.Clock.Now = Local(3, 2, 11);
        var (id, _, _, _) = await app.ReceiveAsync();
        var (going, _, _, _) = await app.ReceiveAsync();
        app.Clock.Now = Local(3, 3, 14);
        await app.ActOkAsync(id, "stop", new { reason = "Người nộp hồ sơ đã có quyết định của Tòa án về cùng nội dung" });

        var text = Text(await FormAsync(app.Client, $"/api/dossiers/{id}/forms/stop-notice"));
        using var notStopped = await app.Client.GetAsync($"/api/dossiers/{going}/forms/stop-notice");

        text.ShouldContain("THÔNG BÁO VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ");
        text.ShouldContain("thông báo dừng giải quyết hồ sơ kể từ 03/03/2026 14:00");
        text.ShouldContain("Lý do: Người nộp hồ sơ đã có quyết định của Tòa án về cùng nội dung");
        text.ShouldContain("Mẫu số 05");
        (await ProblemAsync(notStopped, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("dossier.form_not_applicable");
    }

    [Fact]
    public async Task the_apology_gives_the_reason_the_appointment_it_replaces_and_the_new_date()
    {
        app.Clock.Now = Local(3, 2, 11);
        var (id, _, _, _) = await app.ReceiveAsync();
        app.Clock.Now = Local(3, 6, 10);
        await app.ActOkAsync(id, "apology", new { reason = "Cần xác minh thêm tình trạng hôn nhân tại nơi cư trú trước đây", newAppointmentAt = Local(3, 13, 16) });

        var text = Text(await FormAsync(app.Client, $"/api/dossiers/{id}/forms/apology"));

        text.ShouldContain("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
        text.ShouldContain("Kính gửi: Nguyễn Thị Lan");
        text.ShouldContain("Thời gian hẹn trả kết quả: 09/03/2026 17:00");
        text.ShouldContain("Lý do: Cần xác minh thêm tình trạng hôn nhân tại nơi cư trú trước đây");
        text.ShouldContain("Thời gian hẹn trả kết quả mới: 13/03/2026 16:00");
        text.ShouldContain("Hà Tĩnh, ngày 06 tháng 03 năm 2026");
    }

    [Fact]
    public async Task the_process_control_slip_has_a_row_per_step_naming_who_handed_over_to_whom_and_the_liên_thông_agency()
    {
        var desk = app.ClientFor(TestOfficial.DeskOfficer(Desk));
        var specialist = app.ClientFor(new TestOfficial("hoa.pt", Agency, Roles.Specialist));
        var leader = app.ClientFor(new TestOfficial("minh.lv", Agency, Roles.Leader));
        app.Clock.Now = Local(3, 2, 9);
        var (id, _, _, _) = await app.ReceiveAsync(client: desk);
        app.Clock.Now = Local(3, 2, 10);
        await app.ActOkAsync(id, "assignments", new { stepName = "Thẩm định hồ sơ", unit = Agency, assignee = "hoa.pt", workingDays = 1 }, desk);
        app.Clock.Now = Local(3, 4, 9);
        await app.ActOkAsync(id, "proposal", new { outcome = "approve", summary = "Đủ điều kiện cấp giấy xác nhận" }, specialist);

        var html = await FormAsync(desk, $"/api/dossiers/{id}/forms/process-control");

        StepNumbers(html).ShouldBe([1, 2, 3]);
        var text = Text(html);
        text.ShouldContain("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
        text.ShouldContain("Cơ quan phối hợp giải quyết (liên thông): Sở Tư pháp");
        text.ShouldContain("1 Tiếp nhận và chuyển hồ sơ Người nộp hồ sơ Nguyễn Thị Lan (trực tiếp) desk-000.00.00.H00 Trung tâm Phục vụ hành chính công tỉnh 02/03/2026 09:00 02/03/2026 17:00 02/03/2026 10:00 Đúng hạn");
        text.ShouldContain("2 Thẩm định hồ sơ desk-000.00.00.H00, Trung tâm Phục vụ hành chính công tỉnh hoa.pt Sở Tư pháp 02/03/2026 10:00 03/03/2026 17:00 04/03/2026 09:00 Trễ hạn Liên thông");
        text.ShouldContain("3 Lãnh đạo xem xét, phê duyệt hoa.pt, Sở Tư pháp Lãnh đạo Sở Tư pháp 04/03/2026 09:00 09/03/2026 17:00");
    }

    [Fact]
    public async Task the_tracking_book_lists_exactly_the_dossiers_the_unit_received_in_the_range_with_identity_numbers_masked()
    {
        var commune = app.ClientFor(TestOfficial.DeskOfficer(Commune));
        app.Clock.Now = Local(4, 6, 9);
        var (_, first, _, _) = await app.ReceiveAsync(client: commune);
        app.Clock.Now = Local(4, 8, 16, 30);
        var (_, second, _, _) = await app.ReceiveAsync(client: commune);
        var (_, elsewhere, _, _) = await app.ReceiveAsync();
        app.Clock.Now = Local(4, 9, 0, 5);
        var (_, after, _, _) = await app.ReceiveAsync(client: commune);

        var html = await FormAsync(commune, $"/api/dossiers/forms/tracking-book?unit={Commune}&from=2026-04-06&to=2026-04-08");
        using var reversed = await commune.GetAsync($"/api/dossiers/forms/tracking-book?unit={Commune}&from=2026-04-08&to=2026-04-06");
        using var tooLong = await commune.GetAsync($"/api/dossiers/forms/tracking-book?unit={Commune}&from=2025-04-06&to=2026-04-07");
        using var malformed = await commune.GetAsync($"/api/dossiers/forms/tracking-book?unit={Commune}&from=06/04/2026&to=2026-04-08");

        StepNumbers(html).ShouldBe([1, 2]);
        var text = Text(html);
        text.ShouldContain("SỔ THEO DÕI HỒ SƠ");
        text.ShouldContain("từ ngày 06/04/2026 đến ngày 08/04/2026");
        text.ShouldContain($"1 {first} Nguyễn Thị Lan Số định danh: 001******345 Cấp Giấy xác nhận tình trạng hôn nhân Mã 1.000893 Trực tiếp");
        text.ShouldContain($"2 {second} Nguyễn Thị Lan");
        text.ShouldNotContain(after);
        text.ShouldNotContain(elsewhere);
        text.ShouldNotContain("001190012345");
        (await ProblemAsync(reversed, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("to", out _).ShouldBeTrue();
        (await ProblemAsync(tooLong, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("to")[0].GetString().ShouldBe("Sổ theo dõi in tối đa 366 ngày một lần.");
        (await ProblemAsync(malformed, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("from", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task an_official_of_another_unit_is_refused_and_an_anonymous_caller_must_sign_in()
    {
        app.Clock.Now = Local(3, 5, 9);
        var (id, _, _, _) = await app.ReceiveAsync();
        var otherDesk = app.ClientFor(TestOfficial.DeskOfficer(Commune));
        var specialist = app.ClientFor(new TestOfficial("hoa.pt", Desk, Roles.Specialist));
        using var anonymous = TestOfficial.Clear(app.ClientFor(TestOfficial.Administrator));

        using var otherReceipt = await otherDesk.PostAsync($"/api/dossiers/{id}/forms/receipt", null);
        using var otherBook = await otherDesk.GetAsync($"/api/dossiers/forms/tracking-book?unit={Desk}&from=2026-03-01&to=2026-03-31");
        using var specialistBook = await specialist.GetAsync("/api/dossiers/forms/tracking-book?from=2026-03-01&to=2026-03-31");
        using var anonymousReceipt = await anonymous.PostAsync($"/api/dossiers/{id}/forms/receipt", null);
        using var anonymousBook = await anonymous.GetAsync($"/api/dossiers/forms/tracking-book?unit={Desk}&from=2026-03-01&to=2026-03-31");

        (await ProblemAsync(otherReceipt, HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("dossier.other_unit");
        (await ProblemAsync(otherBook, HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("dossier.other_unit");
        (await ProblemAsync(specialistBook, HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("auth.role_required");
        await ProblemAsync(anonymousReceipt, HttpStatusCode.Unauthorized);
        await ProblemAsync(anonymousBook, HttpStatusCode.Unauthorized);
    }

    private static async Task<string> FormAsync(HttpClient client, string path, bool post = false, object? body = null)
    {
        using var response = post
            ? await client.PostAsync(path, body is null ? null : JsonContent.Create(body, options: Json))
            : await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/html; charset=utf-8");
        html.ShouldStartWith("<!doctype html>");
        html.ShouldNotContain("<script");
        return html;
    }

    /// <summary>What the printed page reads: the text without markup or stylesheet, entities decoded, spaces collapsed.</summary>
    private static string Text(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(StyleBlock().Replace(html, " "), " ")), " ").Trim();

    /// <summary>The numbers in the first column of the page's table, one per row.</summary>
    private static int[] StepNumbers(string html) => [.. RowNumber().Matches(html).Select(m => int.Parse(m.Groups[1].Value))];

    [GeneratedRegex("<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("<tr><td class=\"n\">(\\d+)</td>")]
    private static partial Regex RowNumber();
}
