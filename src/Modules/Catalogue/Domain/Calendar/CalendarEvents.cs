namespace Onestop.Catalogue.Domain.Calendar;

/// <summary>What a declared day is: a day off of some sort, or a weekend day worked to make up for one.</summary>
public enum CalendarDayKind
{
    /// <summary>Ngày nghỉ lễ, tết (Labour Code 2019, art. 112).</summary>
    Holiday,

    /// <summary>Nghỉ bù: a holiday fell on a weekend, so the next working day is off.</summary>
    Compensatory,

    /// <summary>Ngày nghỉ: any other day off the government or the province declares (e.g. a swapped day).</summary>
    DayOff,

    /// <summary>Ngày làm bù: a Saturday or Sunday worked in exchange for a day off.</summary>
    MakeUpWorkingDay,
}

/// <summary>One declared day of a year's calendar, with its name and legal reason as officers read them.</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name, string? LegalReason)
{
    public bool IsDayOff => Kind != CalendarDayKind.MakeUpWorkingDay;
}

/// <summary>The year's first event: the default holidays as computed when the year was first edited.</summary>
/// <remarks>Recording the defaults keeps a year stable if the default rules change later.</remarks>
public sealed record CalendarYearInitialised(int Year, IReadOnlyList<CalendarDay> Days);

public sealed record DayOffDeclared(int Year, DateOnly Date, CalendarDayKind Kind, string Name, string? LegalReason);

public sealed record MakeUpWorkingDayDeclared(int Year, DateOnly Date, string Name, string? LegalReason);

/// <summary>Whatever was declared on the date (a default holiday included) no longer holds.</summary>
public sealed record CalendarDeclarationWithdrawn(int Year, DateOnly Date, string? Reason);

/// <summary>Stable names of the calendar's events.</summary>
public static class CalendarEventNames
{
    public static void Register(Onestop.EventStore.EventTypeRegistry registry) => registry
        .Register<CalendarYearInitialised>("catalogue.calendar_year_initialised.v1")
        .Register<DayOffDeclared>("catalogue.calendar_day_off_declared.v1")
        .Register<MakeUpWorkingDayDeclared>("catalogue.calendar_make_up_working_day_declared.v1")
        .Register<CalendarDeclarationWithdrawn>("catalogue.calendar_declaration_withdrawn.v1");
}

/// <summary>One stream per year: "calendar-2026".</summary>
public static class CalendarStreams
{
    public const string Type = "calendar";

    public static string Id(int year) => $"calendar-{year}";
}
