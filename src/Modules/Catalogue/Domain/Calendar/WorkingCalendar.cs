using System.Collections.Concurrent;

namespace Onestop.Catalogue.Domain.Calendar;

/// <summary>
/// Which days are worked: Monday to Friday, minus declared days off, plus declared make-up days.
/// Years the administrator never edited count by their defaults.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly ConcurrentDictionary<int, CalendarYear> years;

    private WorkingCalendar(IEnumerable<CalendarYear> recorded) =>
        years = new ConcurrentDictionary<int, CalendarYear>(recorded.Select(y => KeyValuePair.Create(y.Year, y)));

    public static WorkingCalendar Of(IEnumerable<CalendarYear> recorded) => new(recorded);

    /// <summary>Only the defaults, as if no year had been edited.</summary>
    public static WorkingCalendar Defaults { get; } = new([]);

    public CalendarYear Year(int year) => years.GetOrAdd(year, y => CalendarYear.Of(y, DefaultHolidays.For(y)));

    public CalendarDay? Declared(DateOnly date) => Year(date.Year).Days.GetValueOrDefault(date);

    public bool IsWorkingDay(DateOnly date) => Declared(date) is { } declared ? !declared.IsDayOff : !VietnameseDates.IsWeekend(date);

    /// <summary>Why the day is not worked, e.g. "nghỉ cuối tuần", "nghỉ Tết Nguyên đán"; null on a working day.</summary>
    public string? WhyNotWorking(DateOnly date) => Declared(date) switch
    {
        { Kind: CalendarDayKind.Compensatory } d => $"nghỉ bù {d.Name}",
        { Kind: CalendarDayKind.Holiday or CalendarDayKind.DayOff } d => $"nghỉ {d.Name}",
        { Kind: CalendarDayKind.MakeUpWorkingDay } => null,
        _ => VietnameseDates.IsWeekend(date) ? "nghỉ cuối tuần" : null,
    };

    public DateOnly NextWorkingDay(DateOnly after)
    {
        var day = after.AddDays(1);
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
