using System.Globalization;

namespace Onestop.Catalogue.Domain.Calendar;

/// <summary>Lunar dates of the Vietnamese holidays, by the Chinese lunisolar calendar.</summary>
/// <remarks>
/// That calendar is computed for UTC+8; Vietnam's is for UTC+7, so in a rare year a new moon near midnight puts a
/// month one day apart. The computed dates are only defaults: an administrator's declarations win.
/// </remarks>
public static class LunarDates
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    public static int MinYear => Lunar.MinSupportedDateTime.Year + 1;

    public static int MaxYear => Lunar.MaxSupportedDateTime.Year - 1;

    /// <summary>Mùng 1 Tết: the first day of the lunar year that starts in the given Gregorian year.</summary>
    public static DateOnly NewYear(int year) => ToGregorian(year, 1, 1);

    /// <summary>Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month.</summary>
    public static DateOnly HungKingsDay(int year) => ToGregorian(year, 3, 10);

    private static DateOnly ToGregorian(int lunarYear, int month, int day)
    {
        // A leap month takes the next month index: with a leap 2nd month (index 3), the 3rd month is index 4.
        var leap = Lunar.GetLeapMonth(lunarYear);
        var index = leap != 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(lunarYear, index, day, 0, 0, 0, 0));
    }
}
