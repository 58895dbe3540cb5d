using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Onestop.Documents.Domain;
using Onestop.Documents.Storage;
using Onestop.EventStore;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Documents.Features.Upload;

/// <summary>Stores an uploaded file (streamed, never buffered whole) and opens its document stream.</summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader)]
internal sealed record UploadDocument(string FileName, Stream Content, long? DeclaredLength) : ICommand<UploadOutcome>;

internal sealed record DocumentStored(Guid Id, long Version, string FileName, string MediaType, long Size, string Sha256, bool Deduplicated);

/// <summary>Why the content was refused (413, 415, 422), as the endpoint answers it.</summary>
internal sealed record ContentRefusal(int Status, string Code, string Message);

/// <summary>
/// Either the stored document or the refusal of its content. A refusal is an outcome, not a failure: it is logged
/// as handled, and nothing was stored.
/// </summary>
internal sealed record UploadOutcome(DocumentStored? Stored, ContentRefusal? Refusal);

internal sealed class UploadDocumentValidator : AbstractValidator<UploadDocument>
{
    public UploadDocumentValidator()
    {
        RuleFor(c => c.FileName).NotEmpty()
            .WithMessage("Thiếu tên tệp: gửi tham số fileName hoặc tiêu đề Content-Disposition.")
            .MaximumLength(255).WithMessage("Tên tệp dài quá 255 ký tự.")
            .Must(name => !name.Any(c => char.IsControl(c) || c is '/' or '\\')).WithMessage("Tên tệp không được chứa ký tự điều khiển hoặc dấu / \\.");
    }
}

internal sealed class UploadDocumentHandler(
    EventStoreSession session, RequestContext context, DocumentWorkflow workflow, IBlobStore store, IContentScanner scanner,
    IOptions<DocumentOptions> options)
    : IRequestHandler<UploadDocument, UploadOutcome>
{
    public async Task<UploadOutcome> Handle(UploadDocument command, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxUploadBytes;
        string? mediaType = null;
        StoredBlob blob;
        try
        {
            if (command.DeclaredLength > maxBytes)
            {
                throw ContentRefusedException.TooLarge(maxBytes);
            }

            blob = await store.PutAsync(command.Content, maxBytes, async (staged, ct) =>
            {
                mediaType = await MediaTypeSniffer.SniffAsync(staged.Path, ct) ?? throw ContentRefusedException.MediaTypeNotAllowed();
                var verdict = await scanner.ScanAsync(staged.Path, ct);
                if (!verdict.Clean)
                {
                    throw ContentRefusedException.Infected(verdict.Threat);
                }
            }, cancellationToken);
        }
        catch (ContentRefusedException refused)
        {
            return new UploadOutcome(null, new ContentRefusal(refused.Status, refused.Code, refused.Message));
        }

        // The blob is committed before the event: a failed append leaves an unreferenced blob (harmless, the same
        // bytes are deduplicated next time), never a document whose content is missing.
        var id = Guid.CreateVersion7();
        var uploaded = DocumentDecisions.Upload(id, command.FileName, mediaType!, blob.Size, blob.Sha256, workflow.Actor);
        var result = await session.AppendAsync(DocumentStreams.Id(id), DocumentStreams.Type, ExpectedVersion.NoStream, [uploaded],
            context.ToEventMetadata(), cancellationToken);
        return new UploadOutcome(new DocumentStored(id, result.NewVersion, uploaded.FileName, uploaded.MediaType, blob.Size, blob.Sha256, blob.Deduplicated), null);
    }
}
