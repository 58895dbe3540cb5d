using Onestop.Documents.Signatures;

namespace Onestop.Documents.Domain;

internal enum DocumentStatus
{
    Active,
    Superseded,
    Archived,
}

/// <summary>The dossier whose signed result this document is.</summary>
internal sealed record ResultOf(Guid DossierId, string DossierCode, DateTimeOffset At);

internal sealed record Attachment(Guid DossierId, string ComponentCode, ReuseConsent? Consent, DateTimeOffset At, string? By);

/// <summary>A document's state, folded from its stream. Immutable: <see cref="Apply"/> returns the next state.</summary>
internal sealed record Document(
    Guid Id,
    string FileName,
    string MediaType,
    long Size,
    string Sha256,
    DateTimeOffset UploadedAt,
    string? UploadedBy,
    string? UploadUnit,
    DocumentStatus Status = DocumentStatus.Active,
    IReadOnlyList<Attachment>? Attachments = null,
    DigitisedMetadata? Digitised = null,
    DateTimeOffset? DigitisedAt = null,
    Guid? SupersededBy = null,
    IReadOnlyList<SignatureVerification>? Signatures = null,
    ResultOf? ResultOf = null)
{
    public IReadOnlyList<Attachment> AttachmentList => Attachments ?? [];

    public IReadOnlyList<SignatureVerification> SignatureList => Signatures ?? [];

    public static Document Apply(Document? state, object e) => e switch
    {
        DocumentUploaded u => new Document(u.DocumentId, u.FileName, u.MediaType, u.Size, u.Sha256, u.At, u.By, u.Unit),
        DocumentAttachedToDossier a => state! with
        {
            Attachments = [.. state.AttachmentList, new Attachment(a.DossierId, a.ComponentCode, a.Consent, a.At, a.By)],
        },
        DocumentDigitised d => state! with { Digitised = d.Metadata, DigitisedAt = d.At },
        DocumentSuperseded s => state! with { Status = DocumentStatus.Superseded, SupersededBy = s.ByDocumentId },
        DocumentArchived => state! with { Status = DocumentStatus.Archived },
        DocumentSigned s => state! with { Signatures = [.. state.SignatureList, s.Verification] },
        DocumentMarkedAsResult r => state! with { ResultOf = new ResultOf(r.DossierId, r.DossierCode, r.At) },
        _ => state!,
    };
}
