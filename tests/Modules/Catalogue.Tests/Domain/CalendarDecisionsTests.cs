using Onestop.Catalogue.Domain.Calendar;
using Onestop.Errors;
using Shouldly;
using Xunit;

namespace Onestop.Catalogue.Tests.Domain;

public sealed class CalendarDecisionsTests
{
    private static readonly DateOnly ExtraDay = new(2026, 3, 2);

    [Fact]
    public void the_first_change_to_a_year_records_its_defaults_before_the_change()
    {
        var events = CalendarDecisions.DeclareDayOff(null, ExtraDay, CalendarDayKind.DayOff, "hoán đổi ngày làm việc", null);

        events.Count.ShouldBe(2);
        events[0].ShouldBeOfType<CalendarYearInitialised>().Days.ShouldBe(DefaultHolidays.For(2026));
        events[1].ShouldBe(new DayOffDeclared(2026, ExtraDay, CalendarDayKind.DayOff, "hoán đổi ngày làm việc", null));
    }

    [Fact]
    public void a_make_up_working_day_on_a_weekday_is_refused_in_vietnamese()
    {
        var error = Should.Throw<AppException>(() => CalendarDecisions.DeclareMakeUpWorkingDay(null, ExtraDay, "làm bù", null));

        error.Kind.ShouldBe(ErrorKind.Validation);
        error.FieldErrors.Single().Message.ShouldBe("Thứ Hai 02/03/2026 đã là ngày làm việc bình thường; chỉ khai báo ngày làm bù vào Thứ Bảy hoặc Chủ Nhật.");
    }

    [Fact]
    public void a_day_already_declared_is_a_conflict_until_its_declaration_is_withdrawn()
    {
        var year = Fold(CalendarDecisions.DeclareDayOff(null, ExtraDay, CalendarDayKind.DayOff, "hoán đổi", null));

        Should.Throw<AppException>(() => CalendarDecisions.DeclareDayOff(year, ExtraDay, CalendarDayKind.Holiday, "khác", null))
            .Kind.ShouldBe(ErrorKind.Conflict);
        var withdrawn = Fold(CalendarDecisions.Withdraw(year, ExtraDay, "nhầm"), year);
        CalendarDecisions.DeclareDayOff(withdrawn, ExtraDay, CalendarDayKind.Holiday, "khác", null).Single().ShouldBeOfType<DayOffDeclared>();
    }

    [Fact]
    public void withdrawing_a_day_with_no_declaration_is_not_found()
    {
        Should.Throw<AppException>(() => CalendarDecisions.Withdraw(null, ExtraDay, null)).Kind.ShouldBe(ErrorKind.NotFound);
    }

    [Fact]
    public void a_default_holiday_can_be_withdrawn_from_a_year_never_edited()
    {
        var events = CalendarDecisions.Withdraw(null, new DateOnly(2026, 4, 27), "Chính phủ bố trí nghỉ bù khác");

        events[1].ShouldBe(new CalendarDeclarationWithdrawn(2026, new DateOnly(2026, 4, 27), "Chính phủ bố trí nghỉ bù khác"));
    }

    private static CalendarYear Fold(IEnumerable<object> events, CalendarYear? start = null) =>
        events.Aggregate(start, CalendarYear.Apply)!;
}
