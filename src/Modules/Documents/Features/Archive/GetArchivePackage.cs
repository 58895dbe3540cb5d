using System.Security.Cryptography;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onestop.Documents.Features.Queries;
using Onestop.Documents.Storage;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Audit;
using Onestop.Dossiers.Features.Queries;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Documents.Features.Archive;

/// <summary>A document's bytes in the package: its ZIP entry and the blob it is read from.</summary>
internal sealed record PackagedDocument(string Entry, string FileName, string Sha256);

/// <summary>Everything an archive package holds but the documents' bytes, which are streamed from the blob store when written.</summary>
internal sealed record ArchivePackage(
    Guid DossierId, string DossierCode, DateTimeOffset ReturnedAt, byte[] Manifest, string ManifestSha256, byte[] History,
    ArchiveManifest Contents, IReadOnlyList<PackagedDocument> Documents);

/// <summary>
/// The archive package (gói nộp lưu) of a returned dossier, every blob verified first. Auditors only: the package
/// holds the history export, which ADR 0002 gives to auditors only (the dossiers module enforces it too).
/// </summary>
[AllowedRoles(Roles.Auditor)]
internal sealed record GetArchivePackage(string DossierCode) : IQuery<ArchivePackage>;

internal sealed class GetArchivePackageHandler(
    IMediator mediator, IBlobStore store, IOptions<ArchiveOptions> options, PersonalDataAccess privacy, ILogger<GetArchivePackageHandler> logger)
    : IRequestHandler<GetArchivePackage, ArchivePackage>
{
    public async Task<ArchivePackage> Handle(GetArchivePackage query, CancellationToken cancellationToken)
    {
        // The archive keeps the record as it is, the applicant included.
        privacy.GrantInFull("dossier.archive_package");
        var dossier = await mediator.Send(new GetDossierByCode(query.DossierCode), cancellationToken);
        if (dossier.Status != DossierStatus.Returned || dossier.Return is null)
        {
            throw AppException.Conflict("archive.dossier_not_returned",
                $"Hồ sơ {dossier.Code} chưa trả kết quả (trạng thái: {dossier.StatusText}): chỉ hồ sơ đã trả kết quả mới được lập gói nộp lưu.");
        }

        var documents = await mediator.Send(new ListDossierDocuments(dossier.Id), cancellationToken);
        foreach (var document in documents.DistinctBy(d => d.Id))
        {
            var integrity = await store.VerifyAsync(document.Sha256, cancellationToken);
            if (integrity != BlobIntegrity.Intact)
            {
                logger.LogError("Archive package of {DossierCode}: blob {Sha256} of {FileName} is {Integrity}", dossier.Code, document.Sha256,
                    document.FileName, integrity);
                throw Unusable(dossier.Code, document.FileName, integrity);
            }
        }

        var history = await mediator.Send(new ExportDossierHistory(dossier.Code), cancellationToken);
        var manifest = ArchiveManifest.Of(dossier, documents, history, options.Value.RetentionOf(dossier.Procedure.Code));
        var manifestBytes = manifest.ToUtf8Json();
        return new ArchivePackage(dossier.Id, dossier.Code, dossier.Return.At, manifestBytes, Convert.ToHexStringLower(SHA256.HashData(manifestBytes)),
            history.ToUtf8Json(), manifest, [.. manifest.Documents.DistinctBy(d => d.File).Select(d => new PackagedDocument(d.File, d.FileName, d.Sha256))]);
    }

    /// <summary>A package never carries bad bytes: a corrupted or missing blob stops the export, naming the document.</summary>
    public static AppException Unusable(string dossierCode, string fileName, BlobIntegrity integrity) =>
        AppException.Conflict("archive.document_" + integrity.ToString().ToLowerInvariant(), integrity == BlobIntegrity.Missing
            ? $"Không lập được gói nộp lưu của hồ sơ {dossierCode}: không tìm thấy nội dung đã lưu của tài liệu {fileName}. Vui lòng báo quản trị viên."
            : $"Không lập được gói nộp lưu của hồ sơ {dossierCode}: nội dung đã lưu của tài liệu {fileName} không khớp mã băm SHA-256 (tệp bị hỏng hoặc bị sửa đổi). Vui lòng báo quản trị viên.");
}
