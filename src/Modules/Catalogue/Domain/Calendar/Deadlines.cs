namespace Onestop.Catalogue.Domain.Calendar;

/// <summary>When the office day ends, which is when a due date falls. Configured under "Catalogue:OfficeHours".</summary>
public sealed class OfficeHours
{
    public TimeOnly EndOfDay { get; set; } = new(17, 0);
}

/// <summary>A due instant and, in Vietnamese, every rule and day that made it so.</summary>
public sealed record DueDate(DateTimeOffset Due, IReadOnlyList<string> Explanation);

/// <summary>Counting working days (thời hạn giải quyết) the way a one-stop office does, as pure functions.</summary>
/// <remarks>
/// The day of receipt is not counted (Civil Code 2015, art. 147: a period in days starts the day after); a dossier
/// received on a non-working day, or at or after the cut-off hour, is taken as received on the next working day.
/// "Same day" is due at the end of that day of receipt.
/// </remarks>
public static class Deadlines
{
    public static DueDate AddWorkingDays(WorkingCalendar calendar, DateTimeOffset receivedAt, ProcessingTime time, OfficeHours hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(time.WorkingDays);
        var local = TimeZoneInfo.ConvertTime(receivedAt, VietnamTime.Zone);
        var received = DateOnly.FromDateTime(local.DateTime);
        var explanation = new List<string> { $"Tiếp nhận lúc {VietnameseDates.Time(TimeOnly.FromDateTime(local.DateTime))} {VietnameseDates.Format(received)}." };

        var start = received;
        string? rule = null;
        if (!calendar.IsWorkingDay(received))
        {
            start = calendar.NextWorkingDay(received);
            explanation.Add($"{VietnameseDates.Format(received)}: {calendar.WhyNotWorking(received)}");
            rule = "Tiếp nhận vào ngày nghỉ";
        }
        else if (local.Hour >= time.CutOffHour)
        {
            start = calendar.NextWorkingDay(received);
            rule = $"Tiếp nhận sau {time.CutOffHour:00}:00";
        }

        explanation.AddRange(Skipped(calendar, received, start));
        if (rule is not null)
        {
            explanation.Add($"{rule}: coi như tiếp nhận vào ngày làm việc tiếp theo, {VietnameseDates.Format(start)}.");
        }

        var due = time.SameDay ? start : Count(calendar, start, time.WorkingDays, explanation);
        var dueAt = new DateTimeOffset(due.ToDateTime(hours.EndOfDay), VietnamTime.Zone.GetUtcOffset(due.ToDateTime(hours.EndOfDay)));
        explanation.Add(time.SameDay
            ? $"Trả kết quả trong ngày: hạn {VietnameseDates.Time(hours.EndOfDay)} {VietnameseDates.Format(due)}."
            : $"Hạn giải quyết: {VietnameseDates.Time(hours.EndOfDay)} {VietnameseDates.Format(due)} ({time.WorkingDays} ngày làm việc, không tính ngày tiếp nhận).");
        return new DueDate(dueAt, explanation);
    }

    /// <summary>Working days after the day of <paramref name="from"/> up to and including the day of <paramref name="to"/>.</summary>
    public static int WorkingDaysBetween(WorkingCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var first = LocalDate(from);
        var last = LocalDate(to);
        var count = 0;
        for (var day = first.AddDays(1); day <= last; day = day.AddDays(1))
        {
            count += calendar.IsWorkingDay(day) ? 1 : 0;
        }

        return first <= last ? count : -WorkingDaysBetween(calendar, to, from);
    }

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, VietnamTime.Zone).DateTime);

    private static DateOnly Count(WorkingCalendar calendar, DateOnly start, int workingDays, List<string> explanation)
    {
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (!calendar.IsWorkingDay(day))
            {
                explanation.Add($"{VietnameseDates.Format(day)}: {calendar.WhyNotWorking(day)}");
                continue;
            }

            counted++;
            if (calendar.Declared(day) is { Kind: CalendarDayKind.MakeUpWorkingDay } makeUp)
            {
                explanation.Add($"{VietnameseDates.Format(day)}: ngày làm bù ({makeUp.Name}), được tính là ngày làm việc");
            }
        }

        return day;
    }

    /// <summary>The non-working days between receipt and the day counting starts from, after the receipt day itself.</summary>
    private static IEnumerable<string> Skipped(WorkingCalendar calendar, DateOnly received, DateOnly start)
    {
        for (var day = received.AddDays(1); day < start; day = day.AddDays(1))
        {
            yield return $"{VietnameseDates.Format(day)}: {calendar.WhyNotWorking(day)}";
        }
    }
}
