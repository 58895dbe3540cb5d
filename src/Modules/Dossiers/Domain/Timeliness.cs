namespace Onestop.Dossiers.Domain;

/// <summary>
/// InTime: open and not yet due; OnTime: finished by its due time; Late: finished after it; Overdue: open and past
/// it; Paused: the clock is stopped; NotApplicable: no clock (not yet received, refused, withdrawn or stopped).
/// </summary>
public enum TimelinessStatus
{
    InTime,
    OnTime,
    Late,
    Overdue,
    Paused,
    NotApplicable,
}

public sealed record StepTimeliness(
    int Number, string Name, string Unit, string? Assignee, DateTimeOffset StartedAt, DateTimeOffset DueAt, DateTimeOffset? CompletedAt,
    TimelinessStatus Status, string StatusText);

/// <summary>On time, late or overdue overall and per step, naming the step and unit responsible for lateness.</summary>
public sealed record DossierTimeliness(
    TimelinessStatus Status, string StatusText, string Summary, int? ResponsibleStep, string? ResponsibleStepName, string? ResponsibleUnit,
    string? ResponsibleOfficial, IReadOnlyList<StepTimeliness> Steps);

public static class TimelinessRules
{
    public static string Text(TimelinessStatus status) => status switch
    {
        TimelinessStatus.InTime => "Trong hạn",
        TimelinessStatus.OnTime => "Đúng hạn",
        TimelinessStatus.Late => "Trễ hạn",
        TimelinessStatus.Overdue => "Quá hạn",
        TimelinessStatus.Paused => "Tạm dừng tính thời hạn",
        _ => "Không tính thời hạn",
    };

    public static DossierTimeliness Judge(Dossier dossier, DateTimeOffset now)
    {
        var steps = dossier.StepList.Select(s => JudgeStep(dossier, s, now)).ToList();
        var status = Overall(dossier, now);
        var late = status is TimelinessStatus.Late or TimelinessStatus.Overdue;
        var responsible = late
            ? steps.FirstOrDefault(s => s.Status is TimelinessStatus.Late or TimelinessStatus.Overdue) ?? steps.LastOrDefault()
            : null;
        return new DossierTimeliness(status, Text(status), Summary(dossier, status, responsible), responsible?.Number, responsible?.Name,
            responsible?.Unit, responsible?.Assignee, steps);
    }

    private static TimelinessStatus Overall(Dossier dossier, DateTimeOffset now)
    {
        if (dossier.DueAt is not { } due || dossier.Status is DossierStatus.Refused or DossierStatus.Withdrawn or DossierStatus.Stopped)
        {
            return TimelinessStatus.NotApplicable;
        }

        if (dossier.ResultReadyAt is { } ready)
        {
            return ready <= due ? TimelinessStatus.OnTime : TimelinessStatus.Late;
        }

        return dossier.PausedSince is not null ? TimelinessStatus.Paused : now > due ? TimelinessStatus.Overdue : TimelinessStatus.InTime;
    }

    private static StepTimeliness JudgeStep(Dossier dossier, ProcessStep step, DateTimeOffset now)
    {
        var status = step.CompletedAt is { } done
            ? done <= step.DueAt ? TimelinessStatus.OnTime : TimelinessStatus.Late
            : dossier.PausedSince is not null ? TimelinessStatus.Paused
            : now > step.DueAt ? TimelinessStatus.Overdue : TimelinessStatus.InTime;
        return new StepTimeliness(step.Number, step.Name, step.Unit, step.Assignee, step.StartedAt, step.DueAt, step.CompletedAt, status, Text(status));
    }

    private static string Summary(Dossier dossier, TimelinessStatus status, StepTimeliness? responsible)
    {
        var due = dossier.DueAt is { } d ? DossierClock.Moment(d) : null;
        var where = responsible is null ? "" : $" Chậm tại bước {responsible.Number} «{responsible.Name}» của đơn vị {responsible.Unit}" +
            (responsible.Assignee is null ? "." : $" (người xử lý: {responsible.Assignee}).");
        return status switch
        {
            TimelinessStatus.InTime => $"Trong hạn: hạn giải quyết {due}.",
            TimelinessStatus.OnTime => $"Đúng hạn: có kết quả lúc {DossierClock.Moment(dossier.ResultReadyAt!.Value)}, hạn {due}.",
            TimelinessStatus.Late => $"Trễ hạn: có kết quả lúc {DossierClock.Moment(dossier.ResultReadyAt!.Value)}, sau hạn {due}." + where,
            TimelinessStatus.Overdue => $"Quá hạn: hạn giải quyết {due} đã qua." + where,
            TimelinessStatus.Paused => $"Tạm dừng tính thời hạn từ {DossierClock.Moment(dossier.PausedSince!.Value)}; hạn hiện tại {due} sẽ lùi theo thời gian tạm dừng.",
            _ => "Hồ sơ không tính thời hạn giải quyết.",
        };
    }
}
