using FluentValidation;
using MediatR;
using Onestop.Catalogue.Domain;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Statistics.Features;

/// <summary>
/// A year against the one before over the same days: 1 January to <c>Through</c> (31 December, or today for the
/// current year) in both, so a year under way is not compared with a whole one. Changes in percent and in points.
/// </summary>
public sealed record YearOverYearReport(
    int Year, DateOnly Through, DossierStatistics Current, DossierStatistics Previous, decimal? ReceivedChangePercent,
    decimal? OnlineRateChangePoints, decimal? OnTimeRateChangePoints);

[AllowedRoles(Roles.StatisticsViewer, Roles.Leader)]
public sealed record GetYearOverYear(string Unit, int Year, bool IncludeChildUnits = true) : IQuery<YearOverYearReport>;

internal sealed class GetYearOverYearValidator : AbstractValidator<GetYearOverYear>
{
    public GetYearOverYearValidator()
    {
        RuleFor(q => q.Unit).NotEmpty().WithMessage("Phải chọn đơn vị.");
        RuleFor(q => q.Year).InclusiveBetween(2001, 2100).WithMessage("Năm phải từ 2001 đến 2100.");
    }
}

internal sealed class GetYearOverYearHandler(IMediator mediator, TimeProvider clock) : IRequestHandler<GetYearOverYear, YearOverYearReport>
{
    public async Task<YearOverYearReport> Handle(GetYearOverYear query, CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(clock);
        var through = query.Year == today.Year ? today : new DateOnly(query.Year, 12, 31);
        var current = await mediator.Send(new GetDossierSummary(new ReportScope(query.Unit, new DateOnly(query.Year, 1, 1), through, query.IncludeChildUnits)), cancellationToken);
        var previousThrough = new DateOnly(query.Year - 1, through.Month, Math.Min(through.Day, DateTime.DaysInMonth(query.Year - 1, through.Month)));
        var previous = await mediator.Send(new GetDossierSummary(new ReportScope(query.Unit, new DateOnly(query.Year - 1, 1, 1), previousThrough, query.IncludeChildUnits)), cancellationToken);
        return new YearOverYearReport(query.Year, through, current, previous,
            previous.Received == 0 ? null : decimal.Round(100m * (current.Received - previous.Received) / previous.Received, 2),
            Points(current.OnlineRate, previous.OnlineRate), Points(current.OnTimeRate, previous.OnTimeRate));
    }

    private static decimal? Points(decimal? now, decimal? before) => now is { } a && before is { } b ? a - b : null;
}
