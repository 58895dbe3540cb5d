using Onestop.Documents.Signatures;
using Onestop.EventStore;

namespace Onestop.Documents.Domain;

/// <summary>
/// The events of a document's stream (one stream per document). Each says when (<c>At</c>, the platform clock), who
/// (<c>By</c>) and for which unit; the content itself lives in the blob store under <c>Sha256</c>.
/// </summary>
public sealed record DocumentUploaded(
    Guid DocumentId, string FileName, string MediaType, long Size, string Sha256, DateTimeOffset At, string? By, string? Unit);

/// <summary>Attached to one component (thành phần hồ sơ) of a dossier; <c>Consent</c> is recorded when a citizen's digitised paper is reused.</summary>
public sealed record DocumentAttachedToDossier(
    Guid DossierId, string ComponentCode, ReuseConsent? Consent, DateTimeOffset At, string? By, string? Unit);

/// <summary>Số hóa: the paper was digitised and described, so the same citizen need not bring it again (Decree 45/2020).</summary>
public sealed record DocumentDigitised(DigitisedMetadata Metadata, DateTimeOffset At, string? By, string? Unit);

/// <summary>A newer version replaces this one; the old content stays stored for the history.</summary>
public sealed record DocumentSuperseded(Guid ByDocumentId, DateTimeOffset At, string? By, string? Unit);

public sealed record DocumentArchived(DateTimeOffset At, string? By, string? Unit);

/// <summary>A detached CMS signature over the document was checked: the outcome, whoever it names as signer, whatever it concluded.</summary>
public sealed record DocumentSigned(SignatureVerification Verification, DateTimeOffset At, string? By, string? Unit);

/// <summary>The document is the signed result (kết quả giải quyết) of the dossier.</summary>
public sealed record DocumentMarkedAsResult(Guid DossierId, string DossierCode, DateTimeOffset At, string? By, string? Unit);

/// <summary>What a digitised paper is: its kind (e.g. "Giấy khai sinh"), number, issuer, issue date and whose it is.</summary>
public sealed record DigitisedMetadata(
    string DocumentType, string? Number, string? Issuer, DateOnly? IssuedOn, string OwnerIdentityNumber, string? OwnerName);

/// <summary>The citizen's consent to reuse their digitised paper in another dossier: the words agreed, when, and which official recorded it.</summary>
public sealed record ReuseConsent(string Text, DateTimeOffset GivenAt, string? RecordedBy);

public static class DocumentEventNames
{
    public static void Register(EventTypeRegistry registry) => registry
        .Register<DocumentUploaded>("documents.uploaded.v1")
        .Register<DocumentAttachedToDossier>("documents.attached_to_dossier.v1")
        .Register<DocumentDigitised>("documents.digitised.v1")
        .Register<DocumentSuperseded>("documents.superseded.v1")
        .Register<DocumentArchived>("documents.archived.v1")
        .Register<DocumentSigned>("documents.signed.v1")
        .Register<DocumentMarkedAsResult>("documents.marked_as_result.v1");
}

/// <summary>Stream type and ids of documents: one stream per document, keyed by its id.</summary>
public static class DocumentStreams
{
    public const string Type = "document";

    public static string Id(Guid documentId) => $"document-{documentId:D}";

    public static Guid IdOf(string streamId) => Guid.Parse(streamId["document-".Length..]);
}
