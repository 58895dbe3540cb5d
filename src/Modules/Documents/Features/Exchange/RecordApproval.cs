using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;
using Onestop.Documents.Domain;
using Onestop.Documents.Features.Upload;
using Onestop.Documents.Signatures;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Processing;
using Onestop.Dossiers.Features.Queries;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Documents.Features.Exchange;

/// <summary>What an approval recorded: the dossier after its decision, the result document, the signature's outcome if one was given.</summary>
internal sealed record ApprovalRecorded(
    Guid DossierId, string DossierCode, long DossierVersion, string StatusText, Guid ResultDocumentId, SignatureVerification? Signature);

/// <summary>
/// A document-management system returns the leader's decision with its result document (already uploaded, named by
/// its SHA-256) and optionally the detached signature. One transaction: the document's events, then the dossiers
/// module's <see cref="DecideDossier"/> in the same unit of work; a refusal of either writes nothing.
/// </summary>
[AllowedRoles(Roles.Leader)]
internal sealed record RecordApproval(
    string DossierCode, DecisionOutcome Outcome, string Reasons, string? DocumentNumber, string ResultSha256, byte[]? Signature, string ApprovalReference)
    : ICommand<ApprovalRecorded>, IIdempotentCommand
{
    public string IdempotencyKey => ApprovalReference;
}

/// <summary>
/// <see cref="RecordApproval"/> with the result document uploaded in the same call (gRPC client streaming): the new
/// document, its marking as the result, the signature and the decision are one transaction. A retry with the same
/// reference returns the first outcome without reading <see cref="Content"/>, which the request's hash leaves out.
/// </summary>
[AllowedRoles(Roles.Leader)]
internal sealed record RecordApprovalWithResult(
    string DossierCode, DecisionOutcome Outcome, string Reasons, string? DocumentNumber, string FileName, string? ExpectedSha256, byte[]? Signature,
    string ApprovalReference, [property: JsonIgnore] Stream Content)
    : ICommand<ApprovalRecorded>, IIdempotentCommand
{
    public string IdempotencyKey => ApprovalReference;
}

internal sealed class RecordApprovalWithResultValidator : AbstractValidator<RecordApprovalWithResult>
{
    public RecordApprovalWithResultValidator()
    {
        RuleFor(c => c.DossierCode).NotEmpty().WithMessage("Phải ghi mã hồ sơ.");
        RuleFor(c => c.ApprovalReference).NotEmpty().WithMessage("Phải ghi mã tham chiếu của lần phê duyệt (để gửi lại an toàn).");
        RuleFor(c => c.FileName).NotEmpty().WithMessage("Phải ghi tên tệp của văn bản kết quả.");
        RuleFor(c => c.ExpectedSha256).Matches("^[0-9a-f]{64}$").When(c => c.ExpectedSha256 is not null)
            .WithMessage("Mã băm SHA-256 của văn bản kết quả gồm 64 chữ số hệ 16 viết thường.");
    }
}

internal sealed class RecordApprovalValidator : AbstractValidator<RecordApproval>
{
    public RecordApprovalValidator()
    {
        RuleFor(c => c.DossierCode).NotEmpty().WithMessage("Phải ghi mã hồ sơ.");
        RuleFor(c => c.ApprovalReference).NotEmpty().WithMessage("Phải ghi mã tham chiếu của lần phê duyệt (để gửi lại an toàn).");
        RuleFor(c => c.ResultSha256).Matches("^[0-9a-f]{64}$").WithMessage("Mã băm SHA-256 của văn bản kết quả gồm 64 chữ số hệ 16 viết thường.");
    }
}

internal sealed class RecordApprovalHandler(DocumentWorkflow workflow, SignatureVerifier verifier, IMediator mediator, NpgsqlDataSource dataSource)
    : IRequestHandler<RecordApproval, ApprovalRecorded>, IRequestHandler<RecordApprovalWithResult, ApprovalRecorded>
{
    public async Task<ApprovalRecorded> Handle(RecordApproval command, CancellationToken cancellationToken)
    {
        var dossier = await mediator.Send(new ResolveDossierCode(command.DossierCode), cancellationToken);
        var resultId = await ResultIdAsync(command.ResultSha256, dossier.Id, cancellationToken);
        return await ApproveAsync(dossier, resultId, command.Outcome, command.Reasons, command.DocumentNumber, command.Signature, cancellationToken);
    }

    public async Task<ApprovalRecorded> Handle(RecordApprovalWithResult command, CancellationToken cancellationToken)
    {
        var dossier = await mediator.Send(new ResolveDossierCode(command.DossierCode), cancellationToken);
        // Nested, the upload joins this command's transaction: its document exists only if the approval is recorded.
        var upload = await mediator.Send(new UploadDocument(command.FileName, command.Content, null), cancellationToken);
        var stored = upload.Stored ?? throw AppException.Validation("content", upload.Refusal!.Message, upload.Refusal.Code);
        if (command.ExpectedSha256 is { } expected && expected != stored.Sha256)
        {
            throw AppException.Validation("approval.resultSha256",
                $"Nội dung nhận được có mã băm SHA-256 {stored.Sha256}, khác mã băm đã khai {expected}: văn bản bị thay đổi hoặc truyền thiếu.");
        }

        return await ApproveAsync(dossier, stored.Id, command.Outcome, command.Reasons, command.DocumentNumber, command.Signature, cancellationToken);
    }

    private async Task<ApprovalRecorded> ApproveAsync(DossierReference dossier, Guid resultId, DecisionOutcome outcome, string reasons, string? documentNumber,
        byte[]? signature, CancellationToken cancellationToken)
    {
        var (document, version) = await workflow.LoadAsync(resultId, cancellationToken);
        var actor = workflow.Actor;
        List<object> changes = [];
        SignatureVerification? verification = null;
        if (signature is { Length: > 0 })
        {
            await using (var content = await workflow.OpenContentAsync(document, cancellationToken))
            {
                verification = await verifier.VerifyAsync(content, signature, cancellationToken);
            }

            if (verification.Outcome != SignatureOutcome.Valid)
            {
                throw AppException.Validation("signature", verification.Message);
            }

            changes.Add(DocumentDecisions.Sign(document, verification, actor));
        }

        changes.Add(DocumentDecisions.MarkAsResult(document, dossier.Id, dossier.Code, actor));

        // The document's append begins the unit of work's transaction (if the idempotency claim has not), so the
        // nested DecideDossier joins it.
        await workflow.AppendAsync(document, version, changes, cancellationToken);
        var decided = await mediator.Send(new DecideDossier(dossier.Id, outcome, reasons, documentNumber), cancellationToken);
        return new ApprovalRecorded(dossier.Id, dossier.Code, decided.Version, decided.StatusText, document.Id, verification);
    }

    /// <summary>Identical bytes may be several documents: the one attached to this dossier first, else the latest upload.</summary>
    private async Task<Guid> ResultIdAsync(string sha256, Guid dossierId, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var id = await db.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            """
            select d.id from documents d where d.sha256 = @sha256 and d.status = 'Active'
            order by exists (select 1 from document_attachments a where a.document_id = d.id and a.dossier_id = @dossierId) desc, d.uploaded_at desc
            limit 1
            """, new { sha256, dossierId }, cancellationToken: cancellationToken));
        return id ?? throw AppException.NotFound("document.result_not_found",
            $"Không tìm thấy văn bản kết quả có mã băm SHA-256 {sha256}: cần tải văn bản lên trước khi ghi nhận phê duyệt.");
    }
}
