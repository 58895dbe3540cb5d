using Onestop.Catalogue.Domain.Calendar;
using Shouldly;
using Xunit;
using static Onestop.Catalogue.Domain.Calendar.CalendarDayKind;

namespace Onestop.Catalogue.Tests.Domain;

public sealed class CalendarDefaultsTests
{
    [Fact]
    public void lunar_new_year_falls_on_29_january_2025_and_17_february_2026()
    {
        LunarDates.NewYear(2025).ShouldBe(new DateOnly(2025, 1, 29));
        LunarDates.NewYear(2026).ShouldBe(new DateOnly(2026, 2, 17));
    }

    [Fact]
    public void hung_kings_day_falls_on_7_april_2025_and_26_april_2026()
    {
        LunarDates.HungKingsDay(2025).ShouldBe(new DateOnly(2025, 4, 7));
        LunarDates.HungKingsDay(2026).ShouldBe(new DateOnly(2026, 4, 26));
    }

    [Fact]
    public void the_2025_defaults_give_tet_from_28_january_and_a_compensatory_monday_for_its_saturday()
    {
        var days = DefaultHolidays.For(2025).Select(d => (d.Date.ToString("dd/MM", null), d.Kind, d.Name));

        days.ShouldBe(
        [
            ("01/01", Holiday, "Tết Dương lịch"),
            ("28/01", Holiday, "Tết Nguyên đán"), ("29/01", Holiday, "Tết Nguyên đán"), ("30/01", Holiday, "Tết Nguyên đán"),
            ("31/01", Holiday, "Tết Nguyên đán"), ("01/02", Holiday, "Tết Nguyên đán"),
            ("07/04", Holiday, "Giỗ Tổ Hùng Vương"),
            ("30/04", Holiday, "Ngày Chiến thắng"),
            ("01/05", Holiday, "Ngày Quốc tế Lao động"),
            ("01/09", Holiday, "Quốc khánh"), ("02/09", Holiday, "Quốc khánh"),
            ("03/02", Compensatory, "Tết Nguyên đán (Thứ Bảy 01/02/2025)"),
        ]);
    }

    [Fact]
    public void the_2026_defaults_give_tet_from_16_to_20_february_and_a_compensatory_day_for_hung_kings_sunday()
    {
        var days = DefaultHolidays.For(2026).Select(d => (d.Date.ToString("dd/MM", null), d.Kind, d.Name));

        days.ShouldBe(
        [
            ("01/01", Holiday, "Tết Dương lịch"),
            ("16/02", Holiday, "Tết Nguyên đán"), ("17/02", Holiday, "Tết Nguyên đán"), ("18/02", Holiday, "Tết Nguyên đán"),
            ("19/02", Holiday, "Tết Nguyên đán"), ("20/02", Holiday, "Tết Nguyên đán"),
            ("26/04", Holiday, "Giỗ Tổ Hùng Vương"),
            ("30/04", Holiday, "Ngày Chiến thắng"),
            ("01/05", Holiday, "Ngày Quốc tế Lao động"),
            ("01/09", Holiday, "Quốc khánh"), ("02/09", Holiday, "Quốc khánh"),
            ("27/04", Compensatory, "Giỗ Tổ Hùng Vương (Chủ Nhật 26/04/2026)"),
        ]);
    }

    [Fact]
    public void a_compensatory_day_skips_a_holiday_that_follows_the_weekend()
    {
        // 30/4/2028 is a Sunday and 1/5 a Monday holiday, so the day off for 30/4 moves to Tuesday 2/5.
        DefaultHolidays.For(2028).Where(d => d.Kind == Compensatory).Select(d => d.Date)
            .ShouldContain(new DateOnly(2028, 5, 2));
    }

    [Fact]
    public void weekends_are_off_unless_declared_make_up_days_and_defaults_count_for_unedited_years()
    {
        var makeUp = new CalendarDay(new DateOnly(2025, 2, 15), MakeUpWorkingDay, "Làm bù cho ngày 27/01/2025", "Thông báo nghỉ Tết của Chính phủ");
        var calendar = WorkingCalendar.Of([CalendarYear.Of(2025, [.. DefaultHolidays.For(2025), makeUp])]);

        calendar.IsWorkingDay(new DateOnly(2025, 2, 15)).ShouldBeTrue();
        calendar.IsWorkingDay(new DateOnly(2025, 2, 16)).ShouldBeFalse();
        calendar.IsWorkingDay(new DateOnly(2025, 1, 29)).ShouldBeFalse();
        calendar.IsWorkingDay(new DateOnly(2026, 2, 17)).ShouldBeFalse();
        calendar.IsWorkingDay(new DateOnly(2026, 2, 23)).ShouldBeTrue();
        calendar.WhyNotWorking(new DateOnly(2025, 2, 16)).ShouldBe("nghỉ cuối tuần");
    }
}
