using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MediatR;
using Onestop.Dossiers.Features.Audit;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Grpc;
using Proto = Onestop.Contracts.Dossiers.V1;

namespace Onestop.Dossiers.Grpc;

/// <summary>
/// gRPC DossierAudit (contracts/proto/onestop/dossiers/v1/audit.proto): the same audit queries as REST, for
/// inspection and archive systems. Read-only; the API key's permission for the service is the caller's right.
/// </summary>
internal sealed class DossierAuditService(IMediator mediator)
{
    public async Task<Proto.AuditedHistory> GetHistory(Proto.GetHistoryRequest request, ServerCallContext context)
    {
        var history = await mediator.Send(new GetDossierHistory(request.Code), context.CancellationToken);
        var reply = new Proto.AuditedHistory
        {
            DossierId = history.DossierId.ToString(), Code = history.Code, StreamId = history.StreamId, GenesisHash = history.GenesisHash,
            HeadVersion = history.HeadVersion, HeadHash = history.HeadHash,
        };
        reply.Events.AddRange(history.Events.Select(e => new Proto.AuditedEvent
        {
            Version = e.Version, Position = e.Position, Type = e.Type, RecordedAt = Timestamp.FromDateTimeOffset(e.RecordedAt),
            Actor = e.Actor ?? "", Unit = e.Unit ?? "", CorrelationId = e.CorrelationId ?? "", Description = e.Description ?? "",
            DataJson = e.Data.GetRawText(), Hash = e.Hash,
        }));
        return reply;
    }

    public async Task<Proto.HistoryVerification> VerifyHistory(Proto.VerifyHistoryRequest request, ServerCallContext context)
    {
        var kept = request.KeptHeadHash.Length == 0 ? null : DossierAuditEndpoints.ParseHead($"{request.KeptHeadVersion}:{request.KeptHeadHash}");
        var verdict = await mediator.Send(new VerifyDossierHistory(request.Code, kept), context.CancellationToken);
        var reply = new Proto.HistoryVerification
        {
            StreamId = verdict.StreamId, Valid = verdict.Valid, EventsChecked = verdict.EventsChecked, HeadVersion = verdict.HeadVersion,
            HeadHash = verdict.HeadHash, Message = verdict.Message, Detail = verdict.Detail ?? "", KeptHeadMissing = verdict.KeptHeadMissing,
        };
        if (verdict.BrokenVersion is { } version)
        {
            reply.BrokenVersion = version;
        }

        if (verdict.BrokenPosition is { } position)
        {
            reply.BrokenPosition = position;
        }

        return reply;
    }

    public async Task<Proto.HistoryExportFile> ExportHistory(Proto.ExportHistoryRequest request, ServerCallContext context)
    {
        var export = await mediator.Send(new ExportDossierHistory(request.Code), context.CancellationToken);
        return new Proto.HistoryExportFile
        {
            FileName = DossierAuditEndpoints.FileName(request.Code), Content = ByteString.CopyFrom(export.ToUtf8Json()),
            StreamId = export.StreamId, HeadVersion = export.Head.Version, HeadHash = export.Head.Hash,
        };
    }

    public async Task<Proto.DossierStateAt> GetStateAt(Proto.GetStateAtRequest request, ServerCallContext context)
    {
        var at = request.At ?? throw AppException.Validation("at", "Cần thời điểm at.");
        var state = await mediator.Send(new GetDossierStateAt(request.Code, at.ToDateTimeOffset()), context.CancellationToken);
        return new Proto.DossierStateAt
        {
            At = Timestamp.FromDateTimeOffset(state.At), Version = state.Version,
            RecordedAt = state.RecordedAt is { } recorded ? Timestamp.FromDateTimeOffset(recorded) : null,
            Hash = state.Hash ?? "", Status = state.Status is { } status ? JsonNamingPolicy.CamelCase.ConvertName(status.ToString()) : "",
            StatusText = state.StatusText,
            StateJson = state.Dossier is null ? "" : JsonSerializer.Serialize(state.Dossier, EventTypeRegistry.SerializerOptions),
        };
    }
}
