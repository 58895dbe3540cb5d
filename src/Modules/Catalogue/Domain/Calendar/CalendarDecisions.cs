using Onestop.Errors;

namespace Onestop.Catalogue.Domain.Calendar;

/// <summary>Pure decisions on a year's calendar: the events to append, or why not.</summary>
/// <remarks>A year never edited has no stream yet; its first change also records the defaults it started from.</remarks>
public static class CalendarDecisions
{
    public static IReadOnlyList<object> DeclareDayOff(CalendarYear? current, DateOnly date, CalendarDayKind kind, string name, string? legalReason)
    {
        if (kind == CalendarDayKind.MakeUpWorkingDay)
        {
            throw AppException.Validation("kind", "Ngày làm bù được khai báo riêng, không phải là một loại ngày nghỉ.");
        }

        var (initialise, year) = Start(current, date.Year);
        EnsureFree(year, date);
        return [.. initialise, new DayOffDeclared(date.Year, date, kind, name, legalReason)];
    }

    public static IReadOnlyList<object> DeclareMakeUpWorkingDay(CalendarYear? current, DateOnly date, string name, string? legalReason)
    {
        if (!VietnameseDates.IsWeekend(date))
        {
            throw AppException.Validation("date",
                $"{VietnameseDates.Format(date)} đã là ngày làm việc bình thường; chỉ khai báo ngày làm bù vào Thứ Bảy hoặc Chủ Nhật.");
        }

        var (initialise, year) = Start(current, date.Year);
        EnsureFree(year, date);
        return [.. initialise, new MakeUpWorkingDayDeclared(date.Year, date, name, legalReason)];
    }

    public static IReadOnlyList<object> Withdraw(CalendarYear? current, DateOnly date, string? reason)
    {
        var (initialise, year) = Start(current, date.Year);
        return year.Days.ContainsKey(date)
            ? [.. initialise, new CalendarDeclarationWithdrawn(date.Year, date, reason)]
            : throw AppException.NotFound("catalogue.calendar_day_not_declared",
                $"{VietnameseDates.Format(date)} không có ngày nghỉ hay ngày làm bù nào được khai báo để hủy.");
    }

    private static (IReadOnlyList<object> Initialise, CalendarYear Year) Start(CalendarYear? current, int year)
    {
        if (current is not null)
        {
            return ([], current);
        }

        var initialised = new CalendarYearInitialised(year, DefaultHolidays.For(year));
        return ([initialised], CalendarYear.Apply(null, initialised));
    }

    private static void EnsureFree(CalendarYear year, DateOnly date)
    {
        if (year.Days.TryGetValue(date, out var existing))
        {
            var what = existing.Kind == CalendarDayKind.MakeUpWorkingDay ? "ngày làm bù" : "ngày nghỉ";
            throw AppException.Conflict("catalogue.calendar_day_declared",
                $"{VietnameseDates.Format(date)} đã được khai báo là {what} ({existing.Name}); hãy hủy khai báo đó trước.");
        }
    }
}
