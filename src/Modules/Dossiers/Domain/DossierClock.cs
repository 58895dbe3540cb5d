using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Domain.Calendar;

namespace Onestop.Dossiers.Domain;

/// <summary>What a decision needs besides the dossier: the instant, the actor, the working calendar and office hours.</summary>
public sealed record DecisionContext(DateTimeOffset Now, ActedBy By, WorkingCalendar Calendar, OfficeHours Hours);

/// <summary>
/// The dossier's deadline arithmetic over the catalogue's working calendar. Pauses are counted in whole working days
/// (those after the day the pause began up to and including the day it ended), and every due date open at the time
/// moves by that many working days, each skipped day named in the explanation.
/// </summary>
public static class DossierClock
{
    /// <summary>Due instant of a step of <paramref name="workingDays"/> started at <paramref name="at"/> (0 = the same day).</summary>
    public static DateTimeOffset StepDue(DecisionContext context, DateTimeOffset at, int workingDays, int cutOffHour) =>
        Deadlines.AddWorkingDays(context.Calendar, at, new ProcessingTime(workingDays, workingDays == 0, cutOffHour), context.Hours).Due;

    /// <summary>The clock runs again: both the dossier's and the current step's due dates move by the paused working days.</summary>
    public static DeadlineExtended Resume(Dossier dossier, DecisionContext context, string pauseReason, string resumeReason)
    {
        var since = dossier.PausedSince!.Value;
        var paused = Math.Max(0, Deadlines.WorkingDaysBetween(context.Calendar, since, context.Now));
        var (due, skipped) = Extend(context.Calendar, dossier.DueAt!.Value, paused);
        DateTimeOffset? stepDue = dossier.CurrentStep is { } step ? Extend(context.Calendar, step.DueAt, paused).Due : null;
        var explanation = new List<string>
        {
            $"Tạm dừng tính thời hạn từ {Moment(since)} ({pauseReason}) đến {Moment(context.Now)} ({resumeReason}): {paused} ngày làm việc.",
        };
        explanation.AddRange(skipped);
        explanation.Add(paused == 0
            ? $"Hạn giải quyết không đổi: {Moment(due)}."
            : $"Hạn giải quyết lùi {paused} ngày làm việc: {Moment(due)}.");
        return new DeadlineExtended(paused, due, stepDue, explanation, context.Now);
    }

    /// <summary>Moves an instant forward by working days, keeping its time of day; lists the non-working days passed over.</summary>
    public static (DateTimeOffset Due, IReadOnlyList<string> Skipped) Extend(WorkingCalendar calendar, DateTimeOffset due, int workingDays)
    {
        var local = TimeZoneInfo.ConvertTime(due, VietnamTime.Zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var skipped = new List<string>();
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day))
            {
                counted++;
            }
            else
            {
                skipped.Add($"{VietnameseDates.Format(day)}: {calendar.WhyNotWorking(day)}");
            }
        }

        var time = day.ToDateTime(TimeOnly.FromDateTime(local.DateTime));
        return (new DateTimeOffset(time, VietnamTime.Zone.GetUtcOffset(time)), skipped);
    }

    /// <summary>"09:30 Thứ Ba 24/02/2026", in Vietnam time.</summary>
    public static string Moment(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, VietnamTime.Zone);
        return $"{VietnameseDates.Time(TimeOnly.FromDateTime(local.DateTime))} {VietnameseDates.Format(DateOnly.FromDateTime(local.DateTime))}";
    }
}
