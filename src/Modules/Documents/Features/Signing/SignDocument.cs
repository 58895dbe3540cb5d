using MediatR;
using Onestop.Documents.Domain;
using Onestop.Documents.Signatures;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Documents.Features.Signing;

/// <summary>What recording a signature did: the verification, and the dossier the document became the result of (valid signatures only).</summary>
internal sealed record SignatureRecorded(Guid Id, long Version, SignatureVerification Verification, Guid? ResultOfDossierId);

/// <summary>
/// Records a detached CMS signature over a result document: checked over the stored, hash-verified bytes, the outcome
/// appended whatever it is; a valid one marks the document as the result of <c>DossierId</c>, by default the one dossier
/// it is attached to.
/// </summary>
[AllowedRoles(Roles.Specialist, Roles.Leader)]
internal sealed record SignDocument(Guid DocumentId, ReadOnlyMemory<byte> Signature, Guid? DossierId) : ICommand<SignatureRecorded>;

internal sealed class SignDocumentHandler(DocumentWorkflow workflow, SignatureVerifier verifier) : IRequestHandler<SignDocument, SignatureRecorded>
{
    public async Task<SignatureRecorded> Handle(SignDocument command, CancellationToken cancellationToken)
    {
        if (command.Signature.IsEmpty)
        {
            throw AppException.Validation("body", "Thiếu tệp chữ ký số (CMS/PKCS#7, DER hoặc PEM).");
        }

        var (document, version) = await workflow.LoadAsync(command.DocumentId, cancellationToken);
        await workflow.EnsureVisibleAsync(document, cancellationToken);
        var dossierIds = document.AttachmentList.Select(a => a.DossierId).Distinct().ToList();
        var dossierId = command.DossierId ?? (dossierIds.Count == 1 ? dossierIds[0] : null);
        var dossier = dossierId is { } id ? await workflow.DossierAsync(id, cancellationToken) : null;

        SignatureVerification verification;
        await using (var content = await workflow.OpenContentAsync(document, cancellationToken))
        {
            verification = await verifier.VerifyAsync(content, command.Signature, cancellationToken);
        }

        var actor = workflow.Actor;
        List<object> changes = [DocumentDecisions.Sign(document, verification, actor)];
        if (verification.Outcome == SignatureOutcome.Valid && dossier is not null)
        {
            changes.Add(DocumentDecisions.MarkAsResult(document, dossier.Id, dossier.Code, actor));
        }

        var changed = await workflow.AppendAsync(document, version, changes, cancellationToken);
        return new SignatureRecorded(changed.Id, changed.Version, verification, changes.Count > 1 ? dossier!.Id : null);
    }
}
