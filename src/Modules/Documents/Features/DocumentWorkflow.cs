using MediatR;
using Microsoft.Extensions.Logging;
using Onestop.Documents.Domain;
using Onestop.Documents.Storage;
using Onestop.Dossiers.Features.Queries;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Documents.Features;

/// <summary>What a command changed, as the API returns it; <c>Version</c> is the document stream's version.</summary>
internal sealed record DocumentChanged(Guid Id, long Version, DocumentStatus Status);

/// <summary>
/// Every change the same way: load the stream, check the official may see the document, decide with the pure
/// functions, append at the version read. A refusal appends nothing.
/// </summary>
internal sealed class DocumentWorkflow(
    EventStoreSession session, RequestContext context, IMediator mediator, TimeProvider clock, IBlobStore store, ILogger<DocumentWorkflow> logger)
{
    public DocumentActor Actor => new(clock.GetUtcNow(), context.Actor, context.Unit);

    public async Task<DocumentChanged> ActAsync(Guid id, Func<Document, Task<object>> decide, CancellationToken cancellationToken)
    {
        var (document, version) = await LoadAsync(id, cancellationToken);
        await EnsureVisibleAsync(document, cancellationToken);
        return await AppendAsync(document, version, await decide(document), cancellationToken);
    }

    public Task<DocumentChanged> AppendAsync(Document document, long version, object change, CancellationToken cancellationToken) =>
        AppendAsync(document, version, [change], cancellationToken);

    public async Task<DocumentChanged> AppendAsync(Document document, long version, IReadOnlyList<object> changes, CancellationToken cancellationToken)
    {
        var result = await session.AppendAsync(DocumentStreams.Id(document.Id), DocumentStreams.Type, ExpectedVersion.Exactly(version), changes,
            context.ToEventMetadata(), cancellationToken);
        return new DocumentChanged(document.Id, result.NewVersion, changes.Aggregate(document, Document.Apply).Status);
    }

    /// <summary>
    /// The stored content, checked against its hash: a corrupted or missing blob is a 409, never served. A large blob is
    /// checked as it is read (<see cref="HashCheckingReadStream"/>): if it is corrupted, the read fails with the same
    /// problem before its last bytes, which a download that has started shows as a broken transfer.
    /// </summary>
    public async Task<Stream> OpenContentAsync(Document document, CancellationToken cancellationToken)
    {
        try
        {
            var content = await store.OpenReadAsync(document.Sha256, range: null, cancellationToken);
            if (content is HashCheckingReadStream checking)
            {
                checking.Refusal = integrity => Refusal(document, integrity);
            }

            return content;
        }
        catch (BlobIntegrityException e)
        {
            throw Refusal(document, e.Integrity);
        }
    }

    private AppException Refusal(Document document, BlobIntegrity integrity)
    {
        logger.LogError("Document {DocumentId}: blob {Sha256} is {Integrity}; not served", document.Id, document.Sha256, integrity);
        return AppException.Conflict("document.content_" + integrity.ToString().ToLowerInvariant(), integrity == BlobIntegrity.Missing
            ? $"Không tìm thấy nội dung đã lưu của tài liệu {document.FileName}. Vui lòng báo quản trị viên."
            : $"Nội dung đã lưu của tài liệu {document.FileName} không khớp mã băm SHA-256 (tệp bị hỏng hoặc bị sửa đổi), nên không được cung cấp. Vui lòng báo quản trị viên.");
    }

    public async Task<(Document Document, long Version)> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var (document, version) = await session.AggregateStreamAsync<Document>(DocumentStreams.Id(id), Document.Apply, cancellationToken: cancellationToken);
        return document is null ? throw NotFound(id) : (document, version);
    }

    /// <summary>The dossier as the official may see it: the dossiers module refuses one of another unit (403).</summary>
    public async Task<DossierFacts> DossierAsync(Guid dossierId, CancellationToken cancellationToken)
    {
        var dossier = await mediator.Send(new GetDossier(dossierId), cancellationToken);
        return new DossierFacts(dossier.Id, dossier.Code, dossier.Applicant.IdentityNumber, [.. dossier.Procedure.Checklist.Select(c => c.Code)]);
    }

    /// <summary>
    /// Who may see a document: its uploading unit, officials who may see a dossier it is attached to or the result of, auditors, and
    /// desk officers for digitised papers (reused at any desk, Decree 118/2025 receives regardless of area).
    /// </summary>
    public async Task EnsureVisibleAsync(Document document, CancellationToken cancellationToken)
    {
        if (context.IsSystem || context.HasRole(Roles.Auditor) || (context.Unit is { } unit && unit == document.UploadUnit)
            || (document.Digitised is not null && context.HasRole(Roles.DeskOfficer)))
        {
            return;
        }

        // A dossier it is attached to, or the one it is the result of (a result recorded by a document-management system
        // has no uploading unit).
        var dossiers = document.AttachmentList.Select(a => a.DossierId).Concat(document.ResultOf is { } result ? [result.DossierId] : []).Distinct();
        foreach (var dossierId in dossiers)
        {
            try
            {
                await mediator.Send(new GetDossier(dossierId), cancellationToken);
                return;
            }
            catch (AppException e) when (e.Kind is ErrorKind.Forbidden or ErrorKind.NotFound)
            {
                // Not this dossier; another attachment may still make the document visible.
            }
        }

        throw AppException.Forbidden("document.other_unit",
            $"Tài liệu {document.FileName} không thuộc đơn vị {context.Unit ?? "(chưa xác định)"} hoặc hồ sơ mà đơn vị được xem.");
    }

    public static AppException NotFound(Guid id) => AppException.NotFound("document.not_found", $"Không tìm thấy tài liệu {id}.");
}
