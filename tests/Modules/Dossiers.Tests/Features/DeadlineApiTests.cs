using System.Net.Http.Json;
using System.Text.Json;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Dossiers.Tests.Features;

public sealed class DeadlineApiTests(DossierApp app) : IClassFixture<DossierApp>
{
    private static DateTimeOffset Local(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task a_day_off_the_administrator_declares_moves_the_next_intakes_due_date_and_withdrawing_it_moves_it_back()
    {
        var monday = new DateTimeOffset(2027, 6, 7, 9, 0, 0, TimeSpan.FromHours(7));
        app.Clock.Now = monday;
        var before = (await app.ReceiveAsync()).Body.GetProperty("dueAt").GetDateTimeOffset();

        using (var declared = await app.Client.PostAsJsonAsync("/api/catalogue/calendar/2027/days-off",
                   new { date = "2027-06-09", kind = "dayOff", name = "Nghỉ theo quyết định của UBND tỉnh" }))
        {
            declared.EnsureSuccessStatusCode();
        }

        var during = await app.ReceiveAsync();
        using (var withdrawn = await app.Client.DeleteAsync("/api/catalogue/calendar/2027/days/2027-06-09?reason=Hủy"))
        {
            withdrawn.EnsureSuccessStatusCode();
        }

        var after = (await app.ReceiveAsync()).Body.GetProperty("dueAt").GetDateTimeOffset();
        before.ShouldBe(new DateTimeOffset(2027, 6, 14, 17, 0, 0, TimeSpan.FromHours(7)));
        during.Body.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(before.AddDays(1));
        during.Body.GetProperty("dueExplanation").EnumerateArray().ShouldContain(l => l.GetString()!.Contains("Nghỉ theo quyết định của UBND tỉnh"));
        after.ShouldBe(before);
    }

    [Fact]
    public async Task a_dossier_received_before_tet_2026_and_paused_for_a_supplement_shows_why_it_is_due_on_3_march()
    {
        app.Clock.Now = Local(2, 12, 10);
        var (id, _, _, intake) = await app.ReceiveAsync();
        intake.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(Local(2, 26, 17));
        app.Clock.Now = Local(2, 12, 14);
        await app.ActOkAsync(id, "assignments", new { stepName = "Thẩm định hồ sơ", assignee = "hoa.pt", workingDays = 3 });
        app.Clock.Now = Local(2, 24, 9);
        await app.ActOkAsync(id, "supplement-requests", new { missing = new[] { "Bản sao trích lục ly hôn (LH)" } });

        app.Clock.Now = Local(2, 26, 18);
        var paused = await app.GetAsync(id);
        app.Clock.Now = Local(2, 27, 10);
        await app.ActOkAsync(id, "supplements", new { components = new[] { new { code = "LH", originals = 0, copies = 1 } } });
        var resumed = await app.GetAsync(id);

        paused.GetProperty("timeliness").GetProperty("statusText").GetString().ShouldBe("Tạm dừng tính thời hạn", "past the old due date, but the clock is stopped");
        paused.GetProperty("missingComponents")[0].GetString().ShouldBe("Bản sao trích lục ly hôn (LH)");
        resumed.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(Local(3, 3, 17));
        resumed.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ShouldBe(["TK", "LH"]);
        var explanation = resumed.GetProperty("dueExplanation").EnumerateArray().Select(e => e.GetString()).ToList();
        explanation.ShouldContain("Thứ Ba 17/02/2026: nghỉ Tết Nguyên đán");
        explanation.ShouldContain("Hạn giải quyết: 17:00 Thứ Năm 26/02/2026 (5 ngày làm việc, không tính ngày tiếp nhận).");
        explanation.ShouldContain(
            "Tạm dừng tính thời hạn từ 09:00 Thứ Ba 24/02/2026 (yêu cầu bổ sung hồ sơ) đến 10:00 Thứ Sáu 27/02/2026 (đã nhận hồ sơ bổ sung): 3 ngày làm việc.");
        explanation[^1].ShouldBe("Hạn giải quyết lùi 3 ngày làm việc: 17:00 Thứ Ba 03/03/2026.");
        var step = resumed.GetProperty("timeliness").GetProperty("steps")[1];
        step.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(Local(2, 27, 17), "due Tue 24/02, moved by the same three working days");
        resumed.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("description").GetString()).ShouldContain(
            "Tiếp tục tính thời hạn; hạn giải quyết 17:00 Thứ Ba 03/03/2026 (lùi 3 ngày làm việc).");
    }

    [Fact]
    public async Task an_apology_sets_a_new_appointment_but_the_dossier_still_counts_as_late()
    {
        app.Clock.Now = Local(3, 2, 9);
        var (id, _, _, _) = await app.ReceiveAsync();
        await app.ActOkAsync(id, "assignments", new { stepName = "Thẩm định hồ sơ" });

        app.Clock.Now = Local(3, 9, 9);
        await app.ActOkAsync(id, "apology", new { reason = "Cần xác minh thông tin tại nơi cư trú trước đây", newAppointmentAt = Local(3, 12, 17) });
        app.Clock.Now = Local(3, 10, 9);
        var view = await app.GetAsync(id);

        view.GetProperty("appointmentAt").GetDateTimeOffset().ShouldBe(Local(3, 12, 17));
        view.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(Local(3, 9, 17));
        view.GetProperty("timeliness").GetProperty("statusText").GetString().ShouldBe("Quá hạn");
        view.GetProperty("history").EnumerateArray().Last().GetProperty("description").GetString()!
            .ShouldStartWith("Xin lỗi và hẹn lại ngày trả kết quả: 17:00 Thứ Năm 12/03/2026.");
    }
}
