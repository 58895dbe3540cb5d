using System.Globalization;

namespace Onestop.Catalogue.Domain.Calendar;

/// <summary>Dates written as Vietnamese officers write them: "Thứ Bảy 01/02/2025".</summary>
public static class VietnameseDates
{
    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public static string Weekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => "Thứ Hai",
        DayOfWeek.Tuesday => "Thứ Ba",
        DayOfWeek.Wednesday => "Thứ Tư",
        DayOfWeek.Thursday => "Thứ Năm",
        DayOfWeek.Friday => "Thứ Sáu",
        DayOfWeek.Saturday => "Thứ Bảy",
        _ => "Chủ Nhật",
    };

    public static string Format(DateOnly date) => $"{Weekday(date)} {date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
