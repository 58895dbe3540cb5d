using System.Text.Json;
using Dapper;
using Npgsql;
using Onestop.Documents.Domain;
using Onestop.EventStore;
using Onestop.EventStore.Projections;

namespace Onestop.Documents.Projections;

/// <summary>Keeps the document row and its dossier attachments in step with the stream, in the append's transaction.</summary>
internal sealed class DocumentProjection : IInlineProjection
{
    public IReadOnlySet<string> StreamTypes { get; } = new HashSet<string> { DocumentStreams.Type };

    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var db = transaction.Connection!;
        foreach (var stream in events.GroupBy(e => e.StreamId).Select(g => g.ToList()))
        {
            var id = DocumentStreams.IdOf(stream[0].StreamId);
            var stored = stream[0].Version == 1 ? null : await db.ExecuteScalarAsync<string?>(new CommandDefinition(
                "select state::text from documents where id = @id", new { id }, transaction, cancellationToken: cancellationToken));
            var state = stored is null ? null : JsonSerializer.Deserialize<Document>(stored, EventTypeRegistry.SerializerOptions);
            state = stream.Aggregate(state, (s, e) => Document.Apply(s, e.Data))!;
            await db.ExecuteAsync(new CommandDefinition(Upsert, Row(state, stream[^1]), transaction, cancellationToken: cancellationToken));
            var attachments = stream.Select(e => e.Data).OfType<DocumentAttachedToDossier>().Select(a => new
            {
                id, a.DossierId, a.ComponentCode, ConsentText = a.Consent?.Text, ConsentGivenAt = a.Consent?.GivenAt.ToUniversalTime(),
                ConsentRecordedBy = a.Consent?.RecordedBy, AttachedAt = a.At.ToUniversalTime(), a.By,
            });
            await db.ExecuteAsync(new CommandDefinition(InsertAttachment, attachments, transaction, cancellationToken: cancellationToken));
        }
    }

    private const string Upsert =
        """
        insert into documents (id, version, sha256, file_name, media_type, size, status, uploaded_at, upload_unit, document_type,
            owner_identity, superseded_by, result_of, result_of_code, updated_at, state)
        values (@Id, @Version, @Sha256, @FileName, @MediaType, @Size, @Status, @UploadedAt, @UploadUnit, @DocumentType,
            @OwnerIdentity, @SupersededBy, @ResultOf, @ResultOfCode, @UpdatedAt, @State::jsonb)
        on conflict (id) do update set version = excluded.version, status = excluded.status, document_type = excluded.document_type,
            owner_identity = excluded.owner_identity, superseded_by = excluded.superseded_by, result_of = excluded.result_of,
            result_of_code = excluded.result_of_code, updated_at = excluded.updated_at,
            state = excluded.state
        """;

    private const string InsertAttachment =
        """
        insert into document_attachments (document_id, dossier_id, component_code, consent_text, consent_given_at, consent_recorded_by,
            attached_at, attached_by)
        values (@id, @DossierId, @ComponentCode, @ConsentText, @ConsentGivenAt, @ConsentRecordedBy, @AttachedAt, @By)
        """;

    private static object Row(Document d, RecordedEvent last) => new
    {
        d.Id, last.Version, d.Sha256, d.FileName, d.MediaType, d.Size, Status = d.Status.ToString(), UploadedAt = d.UploadedAt.ToUniversalTime(),
        d.UploadUnit, d.Digitised?.DocumentType, OwnerIdentity = d.Digitised?.OwnerIdentityNumber, d.SupersededBy, ResultOf = d.ResultOf?.DossierId,
        ResultOfCode = d.ResultOf?.DossierCode,
        UpdatedAt = last.RecordedAt.ToUniversalTime(), State = JsonSerializer.Serialize(d, EventTypeRegistry.SerializerOptions),
    };
}
