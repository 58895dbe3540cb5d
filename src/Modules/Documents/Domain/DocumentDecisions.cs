using Onestop.Documents.Signatures;
using Onestop.Errors;

namespace Onestop.Documents.Domain;

/// <summary>When, who and for which unit a decision is taken.</summary>
internal sealed record DocumentActor(DateTimeOffset Now, string? By, string? Unit);

/// <summary>What the documents module needs to know of a dossier to attach a document to it.</summary>
/// <param name="ComponentCodes">The components of the procedure's checklist the dossier is filed under.</param>
internal sealed record DossierFacts(Guid Id, string Code, string? ApplicantIdentityNumber, IReadOnlyList<string> ComponentCodes);

/// <summary>
/// Pure decisions over a document: the event to append or the reason to refuse, in Vietnamese
/// (code "document.illegal_transition" for a state that forbids the action).
/// </summary>
internal static class DocumentDecisions
{
    public const string IllegalTransition = "document.illegal_transition";

    public static DocumentUploaded Upload(Guid id, string fileName, string mediaType, long size, string sha256, DocumentActor actor) =>
        new(id, fileName, mediaType, size, sha256, actor.Now, actor.By, actor.Unit);

    /// <summary>
    /// A fresh upload attaches freely. Attaching a document already in another dossier is reusing a citizen's paper:
    /// it must be digitised, belong to the dossier's applicant, and come with the citizen's consent.
    /// </summary>
    public static DocumentAttachedToDossier Attach(Document document, DossierFacts dossier, string componentCode, ReuseConsent? consent, DocumentActor actor)
    {
        RequireActive(document, "gắn vào hồ sơ");
        if (!dossier.ComponentCodes.Contains(componentCode))
        {
            throw AppException.Validation("componentCode",
                $"Thủ tục của hồ sơ {dossier.Code} không có thành phần '{componentCode}' (có: {string.Join(", ", dossier.ComponentCodes)}).");
        }

        if (document.AttachmentList.Any(a => a.DossierId == dossier.Id && a.ComponentCode == componentCode))
        {
            throw AppException.Conflict("document.already_attached",
                $"Tài liệu {document.FileName} đã được gắn vào thành phần {componentCode} của hồ sơ {dossier.Code}.");
        }

        if (document.Digitised is { } paper && paper.OwnerIdentityNumber != dossier.ApplicantIdentityNumber)
        {
            throw AppException.Conflict("document.other_owner",
                $"Giấy tờ số hóa {document.FileName} thuộc về công dân khác, không phải người nộp hồ sơ {dossier.Code}.");
        }

        var reuse = document.AttachmentList.Any(a => a.DossierId != dossier.Id);
        if (reuse && document.Digitised is null)
        {
            throw AppException.Conflict("document.not_reusable",
                $"Tài liệu {document.FileName} đã thuộc hồ sơ khác; chỉ giấy tờ đã số hóa mới được sử dụng lại.");
        }

        if (reuse && consent is null)
        {
            throw AppException.Validation("consent",
                "Sử dụng lại giấy tờ số hóa cho hồ sơ mới cần ghi nhận sự đồng ý của công dân.");
        }

        return new DocumentAttachedToDossier(dossier.Id, componentCode, consent, actor.Now, actor.By, actor.Unit);
    }

    public static DocumentDigitised Digitise(Document document, DigitisedMetadata metadata, DocumentActor actor)
    {
        RequireActive(document, "số hóa");
        return new DocumentDigitised(metadata, actor.Now, actor.By, actor.Unit);
    }

    public static DocumentSuperseded Supersede(Document document, Document replacement, DocumentActor actor)
    {
        RequireActive(document, "thay thế bằng phiên bản mới");
        if (replacement.Id == document.Id)
        {
            throw AppException.Validation("byDocumentId", "Tài liệu không thể thay thế chính nó.");
        }

        if (replacement.Status != DocumentStatus.Active)
        {
            throw AppException.Conflict(IllegalTransition, $"Tài liệu thay thế {replacement.FileName} không còn hiệu lực.");
        }

        return new DocumentSuperseded(replacement.Id, actor.Now, actor.By, actor.Unit);
    }

    public static DocumentArchived Archive(Document document, DocumentActor actor)
    {
        if (document.Status == DocumentStatus.Archived)
        {
            throw AppException.Conflict(IllegalTransition, $"Tài liệu {document.FileName} đã được lưu trữ.");
        }

        return new DocumentArchived(actor.Now, actor.By, actor.Unit);
    }

    /// <summary>Any outcome is recorded, so a refused signature stays in the history; only a valid one can make the document a result.</summary>
    public static DocumentSigned Sign(Document document, SignatureVerification verification, DocumentActor actor)
    {
        RequireActive(document, "ghi nhận chữ ký số");
        return new DocumentSigned(verification, actor.Now, actor.By, actor.Unit);
    }

    /// <summary>The document becomes the dossier's result; a dossier's result is not replaced by marking another dossier's.</summary>
    public static DocumentMarkedAsResult MarkAsResult(Document document, Guid dossierId, string dossierCode, DocumentActor actor)
    {
        RequireActive(document, "làm kết quả giải quyết");
        if (document.ResultOf is { } result && result.DossierId != dossierId)
        {
            throw AppException.Conflict("document.result_of_other_dossier",
                $"Tài liệu {document.FileName} đã là kết quả giải quyết của hồ sơ {result.DossierCode}.");
        }

        return new DocumentMarkedAsResult(dossierId, dossierCode, actor.Now, actor.By, actor.Unit);
    }

    private static void RequireActive(Document document, string action)
    {
        var why = document.Status switch
        {
            DocumentStatus.Superseded => $"đã được thay thế bởi tài liệu {document.SupersededBy}",
            DocumentStatus.Archived => "đã được lưu trữ",
            _ => null,
        };
        if (why is not null)
        {
            throw AppException.Conflict(IllegalTransition, $"Không thể {action}: tài liệu {document.FileName} {why}.");
        }
    }
}
