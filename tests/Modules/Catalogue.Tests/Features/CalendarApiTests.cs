using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Domain.Calendar;
using Onestop.Catalogue.Features.Calendar;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Catalogue.Tests.Features;

/// <summary>Each test edits its own year, so tests sharing the host's database do not see each other's days.</summary>
public sealed class CalendarApiTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task a_year_never_edited_reads_as_its_defaults_with_tet_2026_and_appends_nothing()
    {
        var year = await GetAsync("/api/catalogue/calendar/2026");

        year.GetProperty("edited").GetBoolean().ShouldBeFalse();
        var days = NonWorking(year);
        days["2026-02-17"].ShouldBe(("Holiday", "nghỉ Tết Nguyên đán"));
        days["2026-04-27"].ShouldBe(("Compensatory", "nghỉ bù Giỗ Tổ Hùng Vương (Chủ Nhật 26/04/2026)"));
        days["2026-02-14"].ShouldBe(("Weekend", "nghỉ cuối tuần"));
        (await StreamExists(2026)).ShouldBeFalse();
    }

    [Fact]
    public async Task a_declared_day_off_and_make_up_saturday_are_read_back_and_change_the_due_date()
    {
        (await PostAsync("/api/catalogue/calendar/2030/days-off",
            new { date = "2030-03-04", kind = "dayOff", name = "hoán đổi ngày làm việc", legalReason = "Thông báo của Bộ Nội vụ" }))
            .GetProperty("streamVersion").GetInt64().ShouldBe(2);
        await PostAsync("/api/catalogue/calendar/2030/make-up-days", new { date = "2030-03-09", name = "Làm bù cho ngày 04/03/2030" });

        var year = await GetAsync("/api/catalogue/calendar/2030");
        var due = await PostAsync("/api/catalogue/calendar/due-date", new { receivedAt = "2030-03-01T09:00:00+07:00", workingDays = 2 });

        year.GetProperty("edited").GetBoolean().ShouldBeTrue();
        NonWorking(year)["2030-03-04"].ShouldBe(("DayOff", "nghỉ hoán đổi ngày làm việc"));
        year.GetProperty("makeUpWorkingDays").EnumerateArray().Single().GetProperty("date").GetString().ShouldBe("2030-03-09");
        due.GetProperty("due").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2030, 3, 6, 17, 0, 0, TimeSpan.FromHours(7)));
        due.GetProperty("explanation").EnumerateArray().Select(l => l.GetString()).ShouldContain("Thứ Hai 04/03/2030: nghỉ hoán đổi ngày làm việc");
    }

    [Fact]
    public async Task withdrawing_a_default_holiday_makes_it_a_working_day()
    {
        using var response = await client.DeleteAsync("/api/catalogue/calendar/2031/days/2031-09-01?reason=Ch%C3%ADnh%20ph%E1%BB%A7%20ch%E1%BB%8Dn%203%2F9");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var calendar = await factory.Services.GetRequiredService<WorkingCalendarService>().LoadAsync(2031, 2031);

        calendar.IsWorkingDay(new DateOnly(2031, 9, 1)).ShouldBeTrue();
        calendar.IsWorkingDay(new DateOnly(2031, 9, 2)).ShouldBeFalse();
    }

    [Fact]
    public async Task the_service_counts_tet_2025_for_dossiers()
    {
        var service = factory.Services.GetRequiredService<WorkingCalendarService>();

        var due = await service.AddWorkingDaysAsync(new DateTimeOffset(2025, 1, 27, 10, 0, 0, TimeSpan.FromHours(7)), new ProcessingTime(3));

        due.Due.ShouldBe(new DateTimeOffset(2025, 2, 6, 17, 0, 0, TimeSpan.FromHours(7)));
        due.Explanation.ShouldContain("Thứ Tư 29/01/2025: nghỉ Tết Nguyên đán");
        (await service.WorkingDaysBetweenAsync(new DateTimeOffset(2025, 1, 27, 10, 0, 0, TimeSpan.FromHours(7)), due.Due)).ShouldBe(3);
    }

    [Fact]
    public async Task the_end_of_the_office_day_comes_from_configuration()
    {
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Catalogue:OfficeHours:EndOfDay", "16:30"));
        using var response = await host.CreateClient().PostAsJsonAsync("/api/catalogue/calendar/due-date",
            new { receivedAt = "2025-03-04T09:00:00+07:00", workingDays = 1 });

        var due = await ReadOkAsync(response);

        due.GetProperty("due").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2025, 3, 5, 16, 30, 0, TimeSpan.FromHours(7)));
        due.GetProperty("explanation").EnumerateArray().Last().GetString()
            .ShouldBe("Hạn giải quyết: 16:30 Thứ Tư 05/03/2025 (1 ngày làm việc, không tính ngày tiếp nhận).");
    }

    [Fact]
    public async Task a_make_up_working_day_on_a_weekday_is_refused_in_vietnamese_and_nothing_is_appended()
    {
        using var response = await client.PostAsJsonAsync("/api/catalogue/calendar/2032/make-up-days", new { date = "2032-03-03", name = "làm bù" });

        var body = await ProblemAsync(response, "date");
        body.ShouldContain("Thứ Tư 03/03/2032 đã là ngày làm việc bình thường");
        (await StreamExists(2032)).ShouldBeFalse();
    }

    [Fact]
    public async Task an_invalid_date_a_date_outside_the_year_and_a_missing_name_are_refused_and_nothing_is_appended()
    {
        using var invalid = await client.PostAsJsonAsync("/api/catalogue/calendar/2033/days-off", new { date = "2033-02-30", kind = "holiday", name = "Tết" });
        using var outside = await client.PostAsJsonAsync("/api/catalogue/calendar/2033/days-off", new { date = "2034-01-02", kind = "holiday", name = "" });

        (await ProblemAsync(invalid, "date")).ShouldContain("Ngày '2033-02-30' không hợp lệ");
        (await ProblemAsync(outside, "date", "name")).ShouldContain("không thuộc năm 2033");
        (await StreamExists(2033)).ShouldBeFalse();
    }

    [Fact]
    public async Task declaring_a_day_twice_is_a_conflict_and_the_first_declaration_stays()
    {
        await PostAsync("/api/catalogue/calendar/2034/days-off", new { date = "2034-03-06", kind = "dayOff", name = "lễ hội địa phương" });

        using var again = await client.PostAsJsonAsync("/api/catalogue/calendar/2034/days-off", new { date = "2034-03-06", kind = "holiday", name = "khác" });

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        NonWorking(await GetAsync("/api/catalogue/calendar/2034"))["2034-03-06"].ShouldBe(("DayOff", "nghỉ lễ hội địa phương"));
    }

    [Fact]
    public async Task a_due_date_request_with_negative_days_is_refused()
    {
        using var response = await client.PostAsJsonAsync("/api/catalogue/calendar/due-date", new { receivedAt = "2025-03-04T09:00:00+07:00", workingDays = -1 });

        await ProblemAsync(response, "workingDays");
    }

    private async Task<bool> StreamExists(int year) =>
        await factory.Services.GetRequiredService<EventStore.EventStore>().GetStreamAsync(CalendarStreams.Id(year)) is not null;

    private static Dictionary<string, (string Kind, string Reason)> NonWorking(JsonElement year) =>
        year.GetProperty("nonWorkingDays").EnumerateArray().ToDictionary(
            d => d.GetProperty("date").GetString()!, d => (d.GetProperty("kind").GetString()!, d.GetProperty("reason").GetString()!));

    private async Task<JsonElement> GetAsync(string url)
    {
        using var response = await client.GetAsync(url);
        return await ReadOkAsync(response);
    }

    private async Task<JsonElement> PostAsync(string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        return await ReadOkAsync(response);
    }

    private static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        foreach (var field in fields)
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue($"no error for {field} in {body}");
        }

        return body;
    }
}
