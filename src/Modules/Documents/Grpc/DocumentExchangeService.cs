using System.Buffers;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MediatR;
using Onestop.Documents.Features.Exchange;
using Onestop.Documents.Features.Queries;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Queries;
using Onestop.Dossiers.Features.Sync;
using Onestop.Errors;
using Onestop.Grpc;
using Onestop.Messaging;
using Proto = Onestop.Contracts.Documents.V1;

namespace Onestop.Documents.Grpc;

/// <summary>
/// gRPC DocumentExchange (contracts/proto/onestop/documents/v1/document_exchange.proto) for document-management
/// systems: a thin adapter over the documents and dossiers queries, <see cref="RecordApproval"/> and the dossiers'
/// change feed for the pending approvals.
/// </summary>
internal sealed class DocumentExchangeService(IMediator mediator, DossierChangeFeed feed)
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Each document's verified content is read in 64 KiB chunks and written as it is read, never held whole.</summary>
    public async Task FetchDossierDocuments(Proto.FetchRequest request, IServerStreamWriter<Proto.DocumentChunk> responses, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        var dossier = await mediator.Send(new GetDossierByCode(request.DossierCode), cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            foreach (var document in await mediator.Send(new ListDossierDocuments(dossier.Id), cancellationToken))
            {
                var content = await mediator.Send(new GetDocumentContent(document.Id), cancellationToken);
                await using var stream = content.Content;
                await responses.WriteAsync(new Proto.DocumentChunk { Metadata = document.ToProto() }, cancellationToken);
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
                {
                    await responses.WriteAsync(new Proto.DocumentChunk { Content = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task WatchPendingApprovals(
        Proto.WatchPendingApprovalsRequest request, IServerStreamWriter<Proto.PendingApproval> responses, ServerCallContext context)
    {
        await foreach (var change in feed.WatchAsync(FeedCursor.Parse(request.Cursor), request.UnitCodes, context.CancellationToken))
        {
            if (change.Status == DossierStatus.AwaitingApproval)
            {
                await responses.WriteAsync(change.ToPendingApproval(), context.CancellationToken);
            }
        }
    }

    public async Task<Proto.ApprovalRecorded> RecordApproval(Proto.RecordApprovalRequest request, ServerCallContext context)
    {
        var outcome = request.Decision switch
        {
            Proto.Decision.Approve => DecisionOutcome.Approve,
            Proto.Decision.Reject => DecisionOutcome.Reject,
            _ => throw AppException.Validation("decision", "Quyết định phải là phê duyệt (DECISION_APPROVE) hoặc từ chối (DECISION_REJECT)."),
        };
        var recorded = await mediator.Send(new RecordApproval(request.DossierCode, outcome, request.Reasons,
            request.DocumentNumber.Length == 0 ? null : request.DocumentNumber, request.ResultSha256,
            request.Signature.IsEmpty ? null : request.Signature.ToByteArray(), request.ApprovalReference), context.CancellationToken);
        return new Proto.ApprovalRecorded
        {
            DossierId = recorded.DossierId.ToString(), DossierCode = recorded.DossierCode, DossierVersion = recorded.DossierVersion,
            StatusText = recorded.StatusText, ResultDocumentId = recorded.ResultDocumentId.ToString(),
            SignatureOutcome = recorded.Signature is { } s ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.Outcome.ToString()) : "",
            SignatureMessage = recorded.Signature?.Message ?? "",
        };
    }
}

internal static class DocumentExchangeMapping
{
    public static Proto.PendingApproval ToPendingApproval(this DossierChange c) => new()
    {
        Cursor = c.Cursor.ToString(), DossierId = c.DossierId.ToString(), DossierCode = c.Code, DossierVersion = c.Version, ReceivingUnit = c.ReceivingUnit,
        Description = c.Description, CommittedAt = Timestamp.FromDateTimeOffset(c.CommittedAt),
    };

    public static Proto.DocumentMetadata ToProto(this DossierDocument d) => new()
    {
        Id = d.Id.ToString(), Name = d.FileName, MediaType = d.MediaType, Size = d.Size, Sha256 = d.Sha256, ComponentCode = d.ComponentCode,
    };
}
