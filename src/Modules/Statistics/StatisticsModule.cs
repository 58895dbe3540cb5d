using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Errors;
using Onestop.Grpc;
using Onestop.EventStore.Projections;
using Onestop.Messaging;
using Onestop.Postgres;
using Onestop.Postgres.Migrations;
using Onestop.Statistics.Features;
using Onestop.Statistics.Projections;
using Onestop.Messaging.Http;

namespace Onestop.Statistics;

/// <summary>The statistics module (issue 7): async projections over the global log and the reports leaders are measured by.</summary>
public static class StatisticsModule
{
    public const string ProjectionName = "statistics.dossiers";

    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        DapperTypeHandlers.Register();
        services.AddSingleton(new MigrationSource("statistics", typeof(StatisticsModule).Assembly));
        services.AddSingleton<IAsyncProjection, DossierFactsProjection>();
        services.AddOptions<StatisticsOptions>().BindConfiguration("Statistics")
            .Validate(o => o.HoursPerVisit >= 0 && o.HourlyWage >= 0, "Statistics:HoursPerVisit and HourlyWage must not be negative.")
            .ValidateOnStart();
        services.AddScoped<StatisticsAccess>();
        services.AddMessaging(typeof(StatisticsModule).Assembly);
        services.AddGrpcService<Grpc.StatisticsService>(Contracts.Statistics.V1.StatisticsReflection.Descriptor.Services[0]);
        return services;
    }

    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/statistics").WithTags("Statistics");
        api.MapGet("/intake", (string? unit, string? from, string? to, bool? children, string? field, IMediator m, CancellationToken ct) =>
            m.Send(new GetIntakeReport(Scope(unit, from, to, children, field)), ct)).AccessOf<GetIntakeReport>();
        api.MapGet("/summary", (string? unit, string? from, string? to, bool? children, string? field, IMediator m, CancellationToken ct) =>
            m.Send(new GetDossierSummary(Scope(unit, from, to, children, field)), ct)).AccessOf<GetDossierSummary>();
        api.MapGet("/periods", (string? unit, string? from, string? to, string? period, bool? children, string? field, IMediator m, CancellationToken ct) =>
            m.Send(new GetPeriodReport(Scope(unit, from, to, children, field), Period(period)), ct)).AccessOf<GetPeriodReport>();
        api.MapGet("/year-over-year", (string? unit, int? year, bool? children, IMediator m, CancellationToken ct) =>
            m.Send(new GetYearOverYear(unit ?? "", year ?? 0, children ?? true), ct)).AccessOf<GetYearOverYear>();
        api.MapGet("/ranking", (string? unit, string? week, IMediator m, CancellationToken ct) => m.Send(new GetUnitRanking(unit ?? "", week ?? ""), ct))
            .AccessOf<GetUnitRanking>();
        api.MapGet("/intake.csv", async (string? unit, string? from, string? to, bool? children, string? field, IMediator m, CancellationToken ct) =>
            Results.File(IntakeCsv.Write(await m.Send(new GetIntakeReport(Scope(unit, from, to, children, field)), ct)), "text/csv; charset=utf-8",
                $"thong-ke-tiep-nhan-{unit}-{from}-{to}.csv"))
            .WithName("ExportIntakeReportCsv").Produces(StatusCodes.Status200OK, contentType: "text/csv").AccessOf<GetIntakeReport>();
        api.MapGet("/intake.xlsx", async (string? unit, string? from, string? to, bool? children, string? field, IMediator m, CancellationToken ct) =>
            Results.File(IntakeXlsx.Write(await m.Send(new GetIntakeReport(Scope(unit, from, to, children, field)), ct)), IntakeXlsx.MediaType, $"thong-ke-tiep-nhan-{unit}-{from}-{to}.xlsx"))
            .WithName("ExportIntakeReportXlsx").Produces(StatusCodes.Status200OK, contentType: IntakeXlsx.MediaType).AccessOf<GetIntakeReport>();
        return endpoints;
    }

    private static ReportPeriod Period(string? value) =>
        value is null ? ReportPeriod.Month
        : Enum.TryParse<ReportPeriod>(value, ignoreCase: true, out var period) && Enum.IsDefined(period) ? period
        : throw AppException.Validation("period", "Kỳ báo cáo là một trong: day, week, month, quarter, year.");

    internal static ReportScope Scope(string? unit, string? from, string? to, bool? children, string? field = null) =>
        new(unit ?? "", Date(from, "from"), Date(to, "to"), children ?? true, string.IsNullOrWhiteSpace(field) ? null : field.Trim());

    private static DateOnly Date(string? value, string field) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw AppException.Validation(field, $"Ngày '{value}' không hợp lệ; ghi theo dạng năm-tháng-ngày, ví dụ 2026-01-31.");
}
