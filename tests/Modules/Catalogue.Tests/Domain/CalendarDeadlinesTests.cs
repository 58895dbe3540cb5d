using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Domain.Calendar;
using Shouldly;
using Xunit;

namespace Onestop.Catalogue.Tests.Domain;

public sealed class CalendarDeadlinesTests
{
    private static readonly OfficeHours Hours = new();

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    private static DueDate Add(DateTimeOffset receivedAt, int days, WorkingCalendar? calendar = null, bool sameDay = false) =>
        Deadlines.AddWorkingDays(calendar ?? WorkingCalendar.Defaults, receivedAt, new ProcessingTime(days, sameDay), Hours);

    [Fact]
    public void three_working_days_from_the_monday_before_tet_2025_are_due_on_thursday_6_february_with_every_day_off_named()
    {
        var due = Add(Local(2025, 1, 27, 10), 3);

        due.Due.ShouldBe(Local(2025, 2, 6, 17));
        due.Explanation.ShouldBe(
        [
            "Tiếp nhận lúc 10:00 Thứ Hai 27/01/2025.",
            "Thứ Ba 28/01/2025: nghỉ Tết Nguyên đán",
            "Thứ Tư 29/01/2025: nghỉ Tết Nguyên đán",
            "Thứ Năm 30/01/2025: nghỉ Tết Nguyên đán",
            "Thứ Sáu 31/01/2025: nghỉ Tết Nguyên đán",
            "Thứ Bảy 01/02/2025: nghỉ Tết Nguyên đán",
            "Chủ Nhật 02/02/2025: nghỉ cuối tuần",
            "Thứ Hai 03/02/2025: nghỉ bù Tết Nguyên đán (Thứ Bảy 01/02/2025)",
            "Hạn giải quyết: 17:00 Thứ Năm 06/02/2025 (3 ngày làm việc, không tính ngày tiếp nhận).",
        ]);
    }

    [Fact]
    public void a_dossier_received_after_the_cut_off_on_the_friday_before_tet_2026_counts_from_23_february()
    {
        var due = Add(Local(2026, 2, 13, 16, 30), 2);

        due.Due.ShouldBe(Local(2026, 2, 25, 17));
        due.Explanation.ShouldBe(
        [
            "Tiếp nhận lúc 16:30 Thứ Sáu 13/02/2026.",
            "Thứ Bảy 14/02/2026: nghỉ cuối tuần",
            "Chủ Nhật 15/02/2026: nghỉ cuối tuần",
            "Thứ Hai 16/02/2026: nghỉ Tết Nguyên đán",
            "Thứ Ba 17/02/2026: nghỉ Tết Nguyên đán",
            "Thứ Tư 18/02/2026: nghỉ Tết Nguyên đán",
            "Thứ Năm 19/02/2026: nghỉ Tết Nguyên đán",
            "Thứ Sáu 20/02/2026: nghỉ Tết Nguyên đán",
            "Thứ Bảy 21/02/2026: nghỉ cuối tuần",
            "Chủ Nhật 22/02/2026: nghỉ cuối tuần",
            "Tiếp nhận sau 15:00: coi như tiếp nhận vào ngày làm việc tiếp theo, Thứ Hai 23/02/2026.",
            "Hạn giải quyết: 17:00 Thứ Tư 25/02/2026 (2 ngày làm việc, không tính ngày tiếp nhận).",
        ]);
    }

    [Fact]
    public void a_minute_before_the_cut_off_counts_from_the_day_of_receipt_and_the_cut_off_minute_from_the_next_day()
    {
        Add(Local(2025, 3, 4, 14, 59), 1).Due.ShouldBe(Local(2025, 3, 5, 17));

        var late = Add(Local(2025, 3, 4, 15, 0), 1);

        late.Due.ShouldBe(Local(2025, 3, 6, 17));
        late.Explanation.ShouldContain("Tiếp nhận sau 15:00: coi như tiếp nhận vào ngày làm việc tiếp theo, Thứ Tư 05/03/2025.");
    }

    [Fact]
    public void the_cut_off_hour_comes_from_the_procedure()
    {
        var due = Deadlines.AddWorkingDays(WorkingCalendar.Defaults, Local(2025, 3, 4, 16), new ProcessingTime(1, CutOffHour: 17), Hours);

        due.Due.ShouldBe(Local(2025, 3, 5, 17));
    }

    [Fact]
    public void same_day_is_due_at_the_end_of_the_day_of_receipt_or_of_the_next_working_day_when_late_or_on_a_day_off()
    {
        Add(Local(2025, 3, 4, 9), 0, sameDay: true).Due.ShouldBe(Local(2025, 3, 4, 17));
        Add(Local(2025, 3, 4, 15, 30), 0, sameDay: true).Due.ShouldBe(Local(2025, 3, 5, 17));

        var weekend = Add(Local(2025, 3, 8, 9), 0, sameDay: true);

        weekend.Due.ShouldBe(Local(2025, 3, 10, 17));
        weekend.Explanation.ShouldBe(
        [
            "Tiếp nhận lúc 09:00 Thứ Bảy 08/03/2025.",
            "Thứ Bảy 08/03/2025: nghỉ cuối tuần",
            "Chủ Nhật 09/03/2025: nghỉ cuối tuần",
            "Tiếp nhận vào ngày nghỉ: coi như tiếp nhận vào ngày làm việc tiếp theo, Thứ Hai 10/03/2025.",
            "Trả kết quả trong ngày: hạn 17:00 Thứ Hai 10/03/2025.",
        ]);
    }

    [Fact]
    public void a_declared_make_up_saturday_is_counted_as_a_working_day()
    {
        var calendar = WithDeclared(2025, new CalendarDay(new DateOnly(2025, 3, 8), CalendarDayKind.MakeUpWorkingDay, "Làm bù cho ngày nghỉ 03/02/2025", null));

        var due = Add(Local(2025, 3, 7, 9), 1, calendar);

        due.Due.ShouldBe(Local(2025, 3, 8, 17));
        due.Explanation.ShouldContain("Thứ Bảy 08/03/2025: ngày làm bù (Làm bù cho ngày nghỉ 03/02/2025), được tính là ngày làm việc");
    }

    [Fact]
    public void an_extra_day_off_declared_by_the_administrator_moves_the_due_date()
    {
        var received = Local(2026, 2, 27, 9);
        Add(received, 1).Due.ShouldBe(Local(2026, 3, 2, 17));
        var calendar = WithDeclared(2026, new CalendarDay(new DateOnly(2026, 3, 2), CalendarDayKind.DayOff, "hoán đổi ngày làm việc", "Thông báo của Bộ Nội vụ"));

        var due = Add(received, 1, calendar);

        due.Due.ShouldBe(Local(2026, 3, 3, 17));
        due.Explanation.ShouldContain("Thứ Hai 02/03/2026: nghỉ hoán đổi ngày làm việc");
    }

    [Fact]
    public void a_withdrawn_default_holiday_is_a_working_day_again()
    {
        var year = CalendarYear.Apply(CalendarYear.Apply(null, new CalendarYearInitialised(2025, DefaultHolidays.For(2025))),
            new CalendarDeclarationWithdrawn(2025, new DateOnly(2025, 2, 3), "Chính phủ bố trí nghỉ bù vào ngày khác"));

        WorkingCalendar.Of([year]).IsWorkingDay(new DateOnly(2025, 2, 3)).ShouldBeTrue();
    }

    [Fact]
    public void a_deadline_crossing_new_year_uses_both_years()
    {
        Add(Local(2025, 12, 31, 9), 1).Due.ShouldBe(Local(2026, 1, 2, 17));
    }

    [Fact]
    public void working_days_between_two_instants_skip_the_first_day_and_every_day_off()
    {
        Deadlines.WorkingDaysBetween(WorkingCalendar.Defaults, Local(2025, 1, 27, 10), Local(2025, 2, 6, 16)).ShouldBe(3);
        Deadlines.WorkingDaysBetween(WorkingCalendar.Defaults, Local(2025, 3, 4, 9), Local(2025, 3, 4, 16)).ShouldBe(0);
    }

    [Fact]
    public void the_due_instant_is_in_vietnam_time_whatever_the_offset_of_the_receipt()
    {
        // 02:30 UTC on Tuesday is 09:30 in Vietnam, before the cut-off.
        var due = Add(new DateTimeOffset(2025, 3, 4, 2, 30, 0, TimeSpan.Zero), 1);

        due.Due.ShouldBe(Local(2025, 3, 5, 17));
        due.Due.Offset.ShouldBe(TimeSpan.FromHours(7));
    }

    private static WorkingCalendar WithDeclared(int year, CalendarDay day) =>
        WorkingCalendar.Of([CalendarYear.Of(year, [.. DefaultHolidays.For(year), day])]);
}
