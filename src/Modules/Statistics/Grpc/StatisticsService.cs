using Google.Protobuf.WellKnownTypes;
using MediatR;
using Onestop.Grpc;
using Onestop.Statistics.Features;
using Proto = Onestop.Contracts.Statistics.V1;

namespace Onestop.Statistics.Grpc;

/// <summary>gRPC StatisticsService (contracts/proto/onestop/statistics/v1/statistics.proto): the REST reports for the provincial portal.</summary>
internal sealed class StatisticsService(IMediator mediator)
{
    public async Task<Proto.Summary> GetSummary(Proto.ReportRequest request, ServerCallContext context)
    {
        var s = await mediator.Send(new GetDossierSummary(Scope(request)), context.CancellationToken);
        var reply = new Proto.Summary
        {
            Received = s.Received, Online = s.Online, Direct = s.Direct, Post = s.Post, Refused = s.Refused, Withdrawn = s.Withdrawn,
            Stopped = s.Stopped, ResolvedOnTime = s.ResolvedOnTime, ResolvedLate = s.ResolvedLate, InProgress = s.InProgress, OverdueNow = s.OverdueNow,
            VisitsAvoided = s.TimeSaved.VisitsAvoided, CitizenHoursSaved = (double)s.TimeSaved.Hours, CitizenValueSavedDong = (double)s.TimeSaved.Dong,
            AsOf = AsOf(s.AsOf),
        };
        reply.Units.AddRange(s.Units);
        IfKnown(s.OnlineRate, v => reply.OnlineRate = v);
        IfKnown(s.OnTimeRate, v => reply.OnTimeRate = v);
        IfKnown(s.ProcessingTime.AverageWorkingDays, v => reply.AverageProcessingWorkingDays = v);
        IfKnown(s.ProcessingTime.P90WorkingDays, v => reply.P90ProcessingWorkingDays = (int)v);
        IfKnown(s.AverageRating, v => reply.AverageRating = v);
        IfKnown(s.Indicators.ElectronicResultRate, v => reply.ElectronicResultRate = v);
        IfKnown(s.Indicators.OnlinePaymentRate, v => reply.OnlinePaymentRate = v);
        IfKnown(s.Indicators.ComponentDigitisationRate, v => reply.ComponentDigitisationRate = v);
        IfKnown(s.Indicators.ResultDigitisationRate, v => reply.ResultDigitisationRate = v);
        IfKnown(s.Indicators.SatisfactionRate, v => reply.SatisfactionRate = v);
        reply.ServiceIndex = new Proto.ServiceIndex { Points = (double)s.Index.Points, MeasuredMaxPoints = s.Index.MeasuredMaxPoints };
        foreach (var g in s.Index.Groups)
        {
            var group = new Proto.ServiceIndexGroup { Code = g.Code, Name = g.Name, MaxPoints = g.MaxPoints, Basis = g.Basis };
            IfKnown(g.Points, v => group.Points = v);
            reply.ServiceIndex.Groups.Add(group);
        }

        return reply;
    }

    public async Task<Proto.IntakeTable> GetIntakeTable(Proto.ReportRequest request, ServerCallContext context)
    {
        var report = await mediator.Send(new GetIntakeReport(Scope(request)), context.CancellationToken);
        var reply = new Proto.IntakeTable { Totals = Line(report.Totals), AsOf = AsOf(report.AsOf) };
        reply.Units.AddRange(report.Units);
        reply.Procedures.AddRange(report.Procedures.Select(Line));
        return reply;
    }

    public async Task<Proto.Ranking> GetWeeklyRanking(Proto.RankingRequest request, ServerCallContext context)
    {
        var ranking = await mediator.Send(new GetUnitRanking(request.ParentUnitCode, request.Week), context.CancellationToken);
        var reply = new Proto.Ranking { Week = ranking.Week, From = Date(ranking.From), To = Date(ranking.To), AsOf = AsOf(ranking.AsOf) };
        reply.Units.AddRange(ranking.Units.Select(u =>
        {
            var unit = new Proto.RankedUnit { Rank = u.Rank, UnitCode = u.Unit, UnitName = u.UnitName, Received = u.Received, Online = u.Online };
            if (u.OnlineRate is { } rate)
            {
                unit.OnlineRate = (double)rate;
            }

            return unit;
        }));
        return reply;
    }

    private static ReportScope Scope(Proto.ReportRequest request) =>
        StatisticsModule.Scope(request.UnitCode, request.From, request.To, !request.ExcludeChildUnits, request.FieldCode);

    private static Proto.IntakeLine Line(IntakeLine line) => new()
    {
        ProcedureCode = line.ProcedureCode, ProcedureName = line.ProcedureName, Online = line.Online, Direct = line.Direct, Total = line.Total,
        OnlineRate = (double)line.OnlineRate,
    };

    private static Proto.AsOf AsOf(ReportAsOf asOf) => new()
    {
        Checkpoint = asOf.Checkpoint, UpdatedAt = asOf.UpdatedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sets a proto3 optional field only when the figure is known, so an unknown rate stays absent rather than 0.</summary>
    private static void IfKnown(decimal? value, Action<double> set)
    {
        if (value is { } v)
        {
            set((double)v);
        }
    }
}
