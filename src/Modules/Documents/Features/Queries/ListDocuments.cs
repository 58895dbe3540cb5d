using System.Text.Json;
using Dapper;
using MediatR;
using Microsoft.Extensions.Logging;
using Npgsql;
using Onestop.Documents.Domain;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Queries;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Documents.Features.Queries;

/// <summary>A document attached to a dossier component; <c>Reused</c> when a digitised paper was attached with the citizen's consent.</summary>
internal sealed record DossierDocument(
    Guid Id, string FileName, string MediaType, long Size, string Sha256, DocumentStatus Status, string ComponentCode, DateTimeOffset AttachedAt, bool Reused);

/// <summary>A citizen's digitised paper (giấy tờ số hóa) that can be attached to their new dossier.</summary>
internal sealed record ReusablePaper(
    Guid Id, string FileName, string MediaType, long Size, string Sha256, string DocumentType, string? Number, string? Issuer,
    DateOnly? IssuedOn, string? OwnerName, DateTimeOffset DigitisedAt);

/// <summary>The documents of a dossier the official may see (the dossiers module decides).</summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader, Roles.Auditor)]
internal sealed record ListDossierDocuments(Guid DossierId) : IQuery<IReadOnlyList<DossierDocument>>;

/// <summary>A citizen's digitised papers, by identity number: personal data, so each read is logged with who asked.</summary>
[AllowedRoles(Roles.DeskOfficer)]
internal sealed record ListReusablePapers(string IdentityNumber) : IQuery<IReadOnlyList<ReusablePaper>>;

internal sealed class ListDocumentsHandler(NpgsqlDataSource dataSource, IMediator mediator, RequestContext context, ILogger<ListDocumentsHandler> logger) :
    IRequestHandler<ListDossierDocuments, IReadOnlyList<DossierDocument>>,
    IRequestHandler<ListReusablePapers, IReadOnlyList<ReusablePaper>>
{
    public async Task<IReadOnlyList<DossierDocument>> Handle(ListDossierDocuments query, CancellationToken cancellationToken)
    {
        await mediator.Send(new GetDossier(query.DossierId), cancellationToken);
        var documents = await LoadAsync(
            "select state::text from documents where id in (select document_id from document_attachments where dossier_id = @key)",
            query.DossierId, cancellationToken);
        return [.. documents
            .SelectMany(d => d.AttachmentList.Where(a => a.DossierId == query.DossierId).Select(a => new DossierDocument(
                d.Id, d.FileName, d.MediaType, d.Size, d.Sha256, d.Status, a.ComponentCode, a.At, a.Consent is not null)))
            .OrderBy(d => d.AttachedAt)];
    }

    public async Task<IReadOnlyList<ReusablePaper>> Handle(ListReusablePapers query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query.IdentityNumber))
        {
            throw AppException.Validation("identityNumber", "Phải ghi số định danh cá nhân của công dân.");
        }

        var documents = await LoadAsync("select state::text from documents where owner_identity = @key and status = 'Active'",
            query.IdentityNumber, cancellationToken);
        // Who read whose papers; the number itself stays out of the logs (masked).
        logger.LogInformation("Personal data read: digitised papers of {Owner} by {Actor} of {Unit}, {Count} found",
            PersonalData.Mask(query.IdentityNumber), context.Actor, context.Unit, documents.Count);
        return [.. documents.OrderByDescending(d => d.DigitisedAt).Select(d => new ReusablePaper(d.Id, d.FileName, d.MediaType, d.Size, d.Sha256,
            d.Digitised!.DocumentType, d.Digitised.Number, d.Digitised.Issuer, d.Digitised.IssuedOn, d.Digitised.OwnerName, d.DigitisedAt!.Value))];
    }

    private async Task<IReadOnlyList<Document>> LoadAsync(string sql, object key, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var states = await db.QueryAsync<string>(new CommandDefinition(sql, new { key }, cancellationToken: cancellationToken));
        return [.. states.Select(s => JsonSerializer.Deserialize<Document>(s, EventTypeRegistry.SerializerOptions)!)];
    }
}
