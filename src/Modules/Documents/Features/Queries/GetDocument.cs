using System.Text.Json;
using Dapper;
using MediatR;
using Microsoft.Extensions.Logging;
using Npgsql;
using Onestop.Documents.Domain;
using Onestop.Documents.Signatures;
using Onestop.Documents.Storage;
using Onestop.EventStore;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Documents.Features.Queries;

/// <summary>A document's metadata, with whether its stored bytes still match their hash (checked on every read).</summary>
internal sealed record DocumentView(
    Guid Id, long Version, string FileName, string MediaType, long Size, string Sha256, DocumentStatus Status, DateTimeOffset UploadedAt,
    string? UploadedBy, string? UploadUnit, IReadOnlyList<Attachment> Attachments, DigitisedMetadata? Digitised, Guid? SupersededBy,
    BlobIntegrity Integrity, IReadOnlyList<SignatureVerification> Signatures, SignatureVerification? LastVerification, ResultOf? ResultOf);

/// <summary>The verified content of a document, to stream to the caller.</summary>
internal sealed record DocumentContent(Stream Content, string FileName, string MediaType, string Sha256, DateTimeOffset UploadedAt);

[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader, Roles.Auditor)]
internal sealed record GetDocument(Guid Id) : IQuery<DocumentView>;

[AllowedRoles(Roles.DeskOfficer, Roles.Specialist, Roles.Leader, Roles.Auditor)]
internal sealed record GetDocumentContent(Guid Id) : IQuery<DocumentContent>;

internal sealed class GetDocumentHandler(
    NpgsqlDataSource dataSource, DocumentWorkflow workflow, IBlobStore store, ILogger<GetDocumentHandler> logger) :
    IRequestHandler<GetDocument, DocumentView>,
    IRequestHandler<GetDocumentContent, DocumentContent>
{
    public async Task<DocumentView> Handle(GetDocument query, CancellationToken cancellationToken)
    {
        var (d, version) = await LoadVisibleAsync(query.Id, cancellationToken);
        var integrity = await store.VerifyAsync(d.Sha256, cancellationToken);
        if (integrity != BlobIntegrity.Intact)
        {
            logger.LogError("Document {DocumentId}: blob {Sha256} is {Integrity}", d.Id, d.Sha256, integrity);
        }

        return new DocumentView(d.Id, version, d.FileName, d.MediaType, d.Size, d.Sha256, d.Status, d.UploadedAt, d.UploadedBy, d.UploadUnit,
            d.AttachmentList, d.Digitised, d.SupersededBy, integrity, d.SignatureList, d.SignatureList.LastOrDefault(), d.ResultOf);
    }

    public async Task<DocumentContent> Handle(GetDocumentContent query, CancellationToken cancellationToken)
    {
        var (d, _) = await LoadVisibleAsync(query.Id, cancellationToken);
        return new DocumentContent(await workflow.OpenContentAsync(d, cancellationToken), d.FileName, d.MediaType, d.Sha256, d.UploadedAt);
    }

    private async Task<(Document Document, long Version)> LoadVisibleAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await db.QuerySingleOrDefaultAsync<(long Version, string State)>(new CommandDefinition(
            "select version, state::text from documents where id = @id", new { id }, cancellationToken: cancellationToken));
        if (row.State is null)
        {
            throw DocumentWorkflow.NotFound(id);
        }

        var document = JsonSerializer.Deserialize<Document>(row.State, EventTypeRegistry.SerializerOptions)!;
        await workflow.EnsureVisibleAsync(document, cancellationToken);
        return (document, row.Version);
    }
}
