namespace Onestop.Catalogue.Domain.Calendar;

/// <summary>The public holidays the Labour Code gives every year, before the government's yearly announcement.</summary>
public static class DefaultHolidays
{
    public const string LabourCode = "Khoản 1 Điều 112 Bộ luật Lao động 2019";
    public const string CompensatoryRule = "Khoản 3 Điều 111 Bộ luật Lao động 2019";

    public const string NewYearsDay = "Tết Dương lịch";
    public const string LunarNewYear = "Tết Nguyên đán";
    public const string HungKings = "Giỗ Tổ Hùng Vương";
    public const string ReunificationDay = "Ngày Chiến thắng";
    public const string LabourDay = "Ngày Quốc tế Lao động";
    public const string NationalDay = "Quốc khánh";

    /// <summary>
    /// 1/1; Tết: the last day of the lunar year and the first four of the new one; 10/3 lunar; 30/4; 1/5;
    /// 2/9 with 1/9 as the adjacent day; and, for each of them on a Saturday or Sunday, a compensatory day off
    /// on the next working day.
    /// </summary>
    public static IReadOnlyList<CalendarDay> For(int year)
    {
        var newYear = LunarDates.NewYear(year);
        var holidays = new List<CalendarDay> { Holiday(new DateOnly(year, 1, 1), NewYearsDay) };
        holidays.AddRange(Enumerable.Range(-1, 5).Select(offset => Holiday(newYear.AddDays(offset), LunarNewYear)));
        holidays.Add(Holiday(LunarDates.HungKingsDay(year), HungKings));
        holidays.Add(Holiday(new DateOnly(year, 4, 30), ReunificationDay));
        holidays.Add(Holiday(new DateOnly(year, 5, 1), LabourDay));
        holidays.Add(Holiday(new DateOnly(year, 9, 1), NationalDay));
        holidays.Add(Holiday(new DateOnly(year, 9, 2), NationalDay));
        return [.. holidays, .. Compensatory(holidays)];
    }

    private static CalendarDay Holiday(DateOnly date, string name) => new(date, CalendarDayKind.Holiday, name, LabourCode);

    private static List<CalendarDay> Compensatory(IReadOnlyList<CalendarDay> holidays)
    {
        var taken = holidays.Select(h => h.Date).ToHashSet();
        var result = new List<CalendarDay>();
        foreach (var holiday in holidays.Where(h => VietnameseDates.IsWeekend(h.Date)).OrderBy(h => h.Date))
        {
            var day = holiday.Date.AddDays(1);
            while (VietnameseDates.IsWeekend(day) || taken.Contains(day))
            {
                day = day.AddDays(1);
            }

            taken.Add(day);
            result.Add(new CalendarDay(day, CalendarDayKind.Compensatory,
                $"{holiday.Name} ({VietnameseDates.Format(holiday.Date)})", CompensatoryRule));
        }

        return result;
    }
}
