using FluentValidation;
using MediatR;
using Onestop.Documents.Domain;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Documents.Features.Changes;

/// <summary>Số hóa: describes a scanned paper so the citizen it belongs to can reuse it in later dossiers.</summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader)]
internal sealed record DigitiseDocument(
    Guid DocumentId, string DocumentType, string? Number, string? Issuer, DateOnly? IssuedOn, string OwnerIdentityNumber, string? OwnerName)
    : ICommand<DocumentChanged>;

/// <summary>A newer document replaces this one.</summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader)]
internal sealed record SupersedeDocument(Guid DocumentId, Guid ByDocumentId) : ICommand<DocumentChanged>;

[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader)]
internal sealed record ArchiveDocument(Guid DocumentId) : ICommand<DocumentChanged>;

internal sealed class DigitiseDocumentValidator : AbstractValidator<DigitiseDocument>
{
    public DigitiseDocumentValidator()
    {
        RuleFor(c => c.DocumentType).NotEmpty().WithMessage("Phải ghi loại giấy tờ (ví dụ: Giấy khai sinh).");
        RuleFor(c => c.OwnerIdentityNumber).NotEmpty().WithMessage("Phải ghi số định danh cá nhân của chủ giấy tờ.")
            .Matches("^[0-9]{9}([0-9]{3})?$").WithMessage("Số định danh cá nhân gồm 12 chữ số (hoặc số CMND 9 chữ số).");
    }
}

internal sealed class SupersedeDocumentValidator : AbstractValidator<SupersedeDocument>
{
    public SupersedeDocumentValidator() =>
        RuleFor(c => c.ByDocumentId).NotEmpty().WithMessage("Phải chọn tài liệu thay thế.");
}

internal sealed class DocumentLifecycleHandler(DocumentWorkflow workflow) :
    IRequestHandler<DigitiseDocument, DocumentChanged>,
    IRequestHandler<SupersedeDocument, DocumentChanged>,
    IRequestHandler<ArchiveDocument, DocumentChanged>
{
    public Task<DocumentChanged> Handle(DigitiseDocument c, CancellationToken cancellationToken) =>
        workflow.ActAsync(c.DocumentId, document => Task.FromResult<object>(DocumentDecisions.Digitise(document,
            new DigitisedMetadata(c.DocumentType, c.Number, c.Issuer, c.IssuedOn, c.OwnerIdentityNumber, c.OwnerName), workflow.Actor)), cancellationToken);

    public Task<DocumentChanged> Handle(SupersedeDocument c, CancellationToken cancellationToken) =>
        workflow.ActAsync(c.DocumentId, async document =>
        {
            var (replacement, _) = await workflow.LoadAsync(c.ByDocumentId, cancellationToken);
            await workflow.EnsureVisibleAsync(replacement, cancellationToken);
            return DocumentDecisions.Supersede(document, replacement, workflow.Actor);
        }, cancellationToken);

    public Task<DocumentChanged> Handle(ArchiveDocument c, CancellationToken cancellationToken) =>
        workflow.ActAsync(c.DocumentId, document => Task.FromResult<object>(DocumentDecisions.Archive(document, workflow.Actor)), cancellationToken);
}
