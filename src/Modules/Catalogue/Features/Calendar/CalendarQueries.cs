using FluentValidation;
using MediatR;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Domain.Calendar;
using Onestop.Messaging;

namespace Onestop.Catalogue.Features.Calendar;

/// <summary>A day that is not worked, or a make-up day that is, with its reason in Vietnamese.</summary>
/// <param name="Kind">Weekend, Holiday, Compensatory, DayOff or MakeUpWorkingDay.</param>
public sealed record CalendarDayView(DateOnly Date, string Weekday, string Kind, string Reason, string? LegalReason);

/// <summary>A year as offices count it. <paramref name="Edited"/> is false while the year is still its computed defaults.</summary>
public sealed record CalendarYearView(int Year, bool Edited, int WorkingDays, IReadOnlyList<CalendarDayView> NonWorkingDays, IReadOnlyList<CalendarDayView> MakeUpWorkingDays);

public sealed record GetCalendarYear(int Year) : IQuery<CalendarYearView>;

/// <summary>The due date of a processing time from a receipt, with its explanation.</summary>
public sealed record ComputeDueDate(DateTimeOffset ReceivedAt, int WorkingDays, int CutOffHour = 15, bool SameDay = false) : IQuery<DueDate>;

internal sealed class GetCalendarYearValidator : AbstractValidator<GetCalendarYear>
{
    public GetCalendarYearValidator() => RuleFor(q => q.Year).SupportedYear();
}

internal sealed class ComputeDueDateValidator : AbstractValidator<ComputeDueDate>
{
    public ComputeDueDateValidator()
    {
        RuleFor(q => q.ReceivedAt).NotEqual(default(DateTimeOffset)).WithMessage("Phải ghi thời điểm tiếp nhận.")
            .Must(at => Deadlines.LocalDate(at).Year is >= 2000 and < 2100).WithMessage("Thời điểm tiếp nhận phải từ năm 2000 đến 2099.");
        RuleFor(q => q.WorkingDays).InclusiveBetween(0, 1000).WithMessage("Số ngày làm việc phải từ 0 đến 1000.");
        RuleFor(q => q.CutOffHour).InclusiveBetween(0, 23).WithMessage("Giờ tiếp nhận cuối ngày phải từ 0 đến 23.");
    }
}

internal sealed class CalendarQueryHandler(WorkingCalendarService service) :
    IRequestHandler<GetCalendarYear, CalendarYearView>,
    IRequestHandler<ComputeDueDate, DueDate>
{
    public async Task<CalendarYearView> Handle(GetCalendarYear query, CancellationToken cancellationToken)
    {
        var recorded = await service.LoadYearsAsync(query.Year, query.Year, cancellationToken);
        var calendar = WorkingCalendar.Of(recorded);
        var days = Enumerable.Range(0, DateTime.IsLeapYear(query.Year) ? 366 : 365).Select(i => new DateOnly(query.Year, 1, 1).AddDays(i)).ToList();
        var nonWorking = days.Where(d => !calendar.IsWorkingDay(d))
            .Select(d => View(d, calendar.Declared(d)?.Kind.ToString() ?? "Weekend", calendar.WhyNotWorking(d)!, calendar.Declared(d)?.LegalReason))
            .ToList();
        var makeUp = calendar.Year(query.Year).Days.Values.Where(d => d.Kind == CalendarDayKind.MakeUpWorkingDay)
            .Select(d => View(d.Date, d.Kind.ToString(), $"ngày làm bù ({d.Name})", d.LegalReason))
            .ToList();
        return new CalendarYearView(query.Year, recorded.Count > 0, days.Count - nonWorking.Count, nonWorking, makeUp);
    }

    public Task<DueDate> Handle(ComputeDueDate query, CancellationToken cancellationToken) =>
        service.AddWorkingDaysAsync(query.ReceivedAt, new ProcessingTime(query.WorkingDays, query.SameDay, query.CutOffHour), cancellationToken);

    private static CalendarDayView View(DateOnly date, string kind, string reason, string? legalReason) =>
        new(date, VietnameseDates.Weekday(date), kind, reason, legalReason);
}
