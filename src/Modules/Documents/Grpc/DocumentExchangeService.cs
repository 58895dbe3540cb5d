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
        var dossier = await mediator.Send(new ResolveDossierCode(request.DossierCode), cancellationToken);
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
        var recorded = await mediator.Send(new RecordApproval(request.DossierCode, Outcome(request.Decision), request.Reasons,
            request.DocumentNumber.Length == 0 ? null : request.DocumentNumber, request.ResultSha256,
            request.Signature.IsEmpty ? null : request.Signature.ToByteArray(), request.ApprovalReference), context.CancellationToken);
        return recorded.ToProto();
    }

    /// <summary>The first message carries the approval, the rest the result's bytes, read as a stream while they are stored.</summary>
    public async Task<Proto.ApprovalRecorded> RecordApprovalWithResult(IAsyncStreamReader<Proto.RecordApprovalUpload> requests, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requests.MoveNext(cancellationToken) || requests.Current.PartCase != Proto.RecordApprovalUpload.PartOneofCase.Approval)
        {
            throw AppException.Validation("approval", "Tin nhắn đầu tiên phải mang thông tin phê duyệt (approval), sau đó mới đến nội dung văn bản kết quả.");
        }

        var header = requests.Current.Approval;
        var request = header.Approval ?? throw AppException.Validation("approval.approval", "Thiếu thông tin phê duyệt.");
        await using var content = new ContentStream(requests, cancellationToken);
        var recorded = await mediator.Send(new RecordApprovalWithResult(request.DossierCode, Outcome(request.Decision), request.Reasons,
            request.DocumentNumber.Length == 0 ? null : request.DocumentNumber, header.FileName, request.ResultSha256.Length == 0 ? null : request.ResultSha256,
            request.Signature.IsEmpty ? null : request.Signature.ToByteArray(), request.ApprovalReference, content), cancellationToken);
        return recorded.ToProto();
    }

    private static DecisionOutcome Outcome(Proto.Decision decision) => decision switch
    {
        Proto.Decision.Approve => DecisionOutcome.Approve,
        Proto.Decision.Reject => DecisionOutcome.Reject,
        _ => throw AppException.Validation("decision", "Quyết định phải là phê duyệt (DECISION_APPROVE) hoặc từ chối (DECISION_REJECT)."),
    };

    /// <summary>The content messages after the first, as a read-only stream; another approval message is an error.</summary>
    private sealed class ContentStream(IAsyncStreamReader<Proto.RecordApprovalUpload> requests, CancellationToken callCancellation) : Stream
    {
        private ReadOnlyMemory<byte> chunk;
        private bool ended;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (chunk.IsEmpty)
            {
                if (ended || !await requests.MoveNext(callCancellation))
                {
                    ended = true;
                    return 0;
                }

                chunk = requests.Current.PartCase == Proto.RecordApprovalUpload.PartOneofCase.Content
                    ? requests.Current.Content.Memory
                    : throw AppException.Validation("content", "Chỉ tin nhắn đầu tiên mang thông tin phê duyệt; các tin nhắn sau chỉ mang nội dung văn bản.");
            }

            var count = Math.Min(buffer.Length, chunk.Length);
            chunk[..count].CopyTo(buffer);
            chunk = chunk[count..];
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

internal static class DocumentExchangeMapping
{
    public static Proto.PendingApproval ToPendingApproval(this DossierChange c) => new()
    {
        Cursor = c.Cursor.ToString(), DossierId = c.DossierId.ToString(), DossierCode = c.Code, DossierVersion = c.Version, ReceivingUnit = c.ReceivingUnit,
        Description = c.Description, CommittedAt = Timestamp.FromDateTimeOffset(c.CommittedAt),
    };

    public static Proto.ApprovalRecorded ToProto(this ApprovalRecorded recorded) => new()
    {
        DossierId = recorded.DossierId.ToString(), DossierCode = recorded.DossierCode, DossierVersion = recorded.DossierVersion,
        StatusText = recorded.StatusText, ResultDocumentId = recorded.ResultDocumentId.ToString(),
        SignatureOutcome = recorded.Signature is { } s ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.Outcome.ToString()) : "",
        SignatureMessage = recorded.Signature?.Message ?? "",
    };

    public static Proto.DocumentMetadata ToProto(this DossierDocument d) => new()
    {
        Id = d.Id.ToString(), Name = d.FileName, MediaType = d.MediaType, Size = d.Size, Sha256 = d.Sha256, ComponentCode = d.ComponentCode,
    };
}
