using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Catalogue.Domain.Calendar;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.EventStore.Projections;
using Onestop.Messaging.Http;

namespace Onestop.Catalogue.Features.Calendar;

/// <summary>The working calendar's registrations and REST under /api/catalogue/calendar.</summary>
public static class CalendarApi
{
    public static IServiceCollection AddCatalogueCalendar(this IServiceCollection services)
    {
        services.AddEventTypes(CalendarEventNames.Register);
        services.AddSingleton<IInlineProjection, CalendarProjection>();
        services.AddOptions<OfficeHours>().BindConfiguration("Catalogue:OfficeHours");
        services.AddSingleton<WorkingCalendarService>();
        return services;
    }

    public static RouteGroupBuilder MapCatalogueCalendar(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/catalogue/calendar").WithTags("Catalogue calendar");

        api.MapGet("/{year:int}", (int year, IMediator m, CancellationToken ct) => m.Send(new GetCalendarYear(year), ct)).AccessOf<GetCalendarYear>();
        api.MapPost("/{year:int}/days-off", (int year, DayOffBody body, IMediator m, CancellationToken ct) =>
            m.Send(new DeclareDayOff(year, ParseDate(body.Date, "date"), body.Kind, body.Name ?? "", body.LegalReason), ct)).AccessOf<DeclareDayOff>();
        api.MapPost("/{year:int}/make-up-days", (int year, MakeUpDayBody body, IMediator m, CancellationToken ct) =>
            m.Send(new DeclareMakeUpWorkingDay(year, ParseDate(body.Date, "date"), body.Name ?? "", body.LegalReason), ct))
            .AccessOf<DeclareMakeUpWorkingDay>();
        api.MapDelete("/{year:int}/days/{date}", (int year, string date, string? reason, IMediator m, CancellationToken ct) =>
            m.Send(new WithdrawCalendarDeclaration(year, ParseDate(date, "date"), reason), ct))
            .AccessOf<WithdrawCalendarDeclaration>();
        api.MapPost("/due-date", (ComputeDueDate query, IMediator m, CancellationToken ct) => m.Send(query, ct)).AccessOf<ComputeDueDate>();
        return api;
    }

    /// <summary>Dates travel as "yyyy-MM-dd" text so that a wrong one gets a Vietnamese message, not a binding error.</summary>
    internal static DateOnly ParseDate(string? value, string field) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw AppException.Validation(field, $"Ngày '{value}' không hợp lệ; ghi theo dạng năm-tháng-ngày, ví dụ 2026-02-17.");

    internal sealed record DayOffBody(string? Date, CalendarDayKind Kind, string? Name, string? LegalReason);

    internal sealed record MakeUpDayBody(string? Date, string? Name, string? LegalReason);
}
