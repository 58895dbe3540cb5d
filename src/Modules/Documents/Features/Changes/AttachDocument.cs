using FluentValidation;
using MediatR;
using Onestop.Documents.Domain;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Documents.Features.Changes;

/// <summary>The citizen's consent as the desk officer records it; <c>GivenAt</c> defaults to now.</summary>
internal sealed record ConsentInput(string Text, DateTimeOffset? GivenAt);

/// <summary>
/// Attaches a document to a component of a dossier the official may see (the dossiers module decides). A citizen's
/// digitised paper can be attached to their later dossier, at any desk, with their consent recorded.
/// </summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader)]
internal sealed record AttachDocument(Guid DocumentId, Guid DossierId, string ComponentCode, ConsentInput? Consent = null) : ICommand<DocumentChanged>;

internal sealed class AttachDocumentValidator : AbstractValidator<AttachDocument>
{
    public AttachDocumentValidator()
    {
        RuleFor(c => c.DossierId).NotEmpty().WithMessage("Phải chọn hồ sơ.");
        RuleFor(c => c.ComponentCode).NotEmpty().WithMessage("Phải chọn thành phần hồ sơ.");
        RuleFor(c => c.Consent!.Text).NotEmpty().When(c => c.Consent is not null)
            .WithMessage("Phải ghi nội dung đồng ý của công dân.");
    }
}

internal sealed class AttachDocumentHandler(DocumentWorkflow workflow) : IRequestHandler<AttachDocument, DocumentChanged>
{
    public async Task<DocumentChanged> Handle(AttachDocument command, CancellationToken cancellationToken)
    {
        var (document, version) = await workflow.LoadAsync(command.DocumentId, cancellationToken);
        var dossier = await workflow.DossierAsync(command.DossierId, cancellationToken);
        if (document.Digitised is null)
        {
            // A digitised paper is checked against the dossier's applicant instead: its owner and their consent.
            await workflow.EnsureVisibleAsync(document, cancellationToken);
        }

        var actor = workflow.Actor;
        var consent = command.Consent is { } given ? new ReuseConsent(given.Text, given.GivenAt ?? actor.Now, actor.By) : null;
        return await workflow.AppendAsync(document, version, DocumentDecisions.Attach(document, dossier, command.ComponentCode, consent, actor), cancellationToken);
    }
}
