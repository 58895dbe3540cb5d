using System.Collections.Immutable;

namespace Onestop.Catalogue.Domain.Calendar;

/// <summary>A year's declared days (holidays, days off, make-up days). Weekends are implied, never stored.</summary>
public sealed record CalendarYear(int Year, ImmutableSortedDictionary<DateOnly, CalendarDay> Days)
{
    public static CalendarYear Of(int year, IEnumerable<CalendarDay> days) =>
        new(year, days.ToImmutableSortedDictionary(d => d.Date, d => d));

    public static CalendarYear Apply(CalendarYear? current, object change) => change switch
    {
        CalendarYearInitialised i => Of(i.Year, i.Days),
        DayOffDeclared d => Existing(current) with { Days = current!.Days.SetItem(d.Date, new CalendarDay(d.Date, d.Kind, d.Name, d.LegalReason)) },
        MakeUpWorkingDayDeclared m => Existing(current) with
        {
            Days = current!.Days.SetItem(m.Date, new CalendarDay(m.Date, CalendarDayKind.MakeUpWorkingDay, m.Name, m.LegalReason)),
        },
        CalendarDeclarationWithdrawn w => Existing(current) with { Days = current!.Days.Remove(w.Date) },
        _ => current ?? throw new InvalidOperationException($"A calendar stream cannot start with {change.GetType().Name}."),
    };

    private static CalendarYear Existing(CalendarYear? current) =>
        current ?? throw new InvalidOperationException("A calendar stream starts with CalendarYearInitialised.");
}
