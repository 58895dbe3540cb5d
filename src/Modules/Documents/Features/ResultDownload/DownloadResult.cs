using System.Text.Json;
using Dapper;
using MediatR;
using Npgsql;
using Onestop.Documents.Domain;
using Onestop.Documents.Features.Queries;
using Onestop.Documents.Signatures;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Lookup;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Messaging;

namespace Onestop.Documents.Features.ResultDownload;

/// <summary>
/// A citizen downloads the signed result of their dossier with the code and lookup secret of the receipt. Anonymous:
/// the dossiers module's <see cref="LookupDossierStatus"/> checks the pair and gives its one answer to a mismatch.
/// </summary>
internal sealed record DownloadResult(string Code, string Secret) : IQuery<DocumentContent>;

internal sealed class DownloadResultHandler(IMediator mediator, NpgsqlDataSource dataSource, DocumentWorkflow workflow)
    : IRequestHandler<DownloadResult, DocumentContent>
{
    public async Task<DocumentContent> Handle(DownloadResult query, CancellationToken cancellationToken)
    {
        var dossier = await mediator.Send(new LookupDossierStatus(query.Code, query.Secret), cancellationToken);
        if (dossier.Status is not (DossierStatus.ResultReady or DossierStatus.Returned))
        {
            throw NotAvailable(dossier.Code, "hồ sơ chưa có kết quả để trả");
        }

        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var state = await db.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select state::text from documents where result_of_code = @code and status = 'Active' order by updated_at desc limit 1",
            new { code = dossier.Code }, cancellationToken: cancellationToken));
        var result = state is null ? null : JsonSerializer.Deserialize<Document>(state, EventTypeRegistry.SerializerOptions);
        if (result?.SignatureList.LastOrDefault() is not { Outcome: SignatureOutcome.Valid })
        {
            throw NotAvailable(dossier.Code, "chưa có bản điện tử được ký số hợp lệ");
        }

        return new DocumentContent(await workflow.OpenContentAsync(result, cancellationToken), result.FileName, result.MediaType, result.Sha256,
            result.UploadedAt);
    }

    private static AppException NotAvailable(string code, string why) => AppException.Conflict("document.result_not_available",
        $"Chưa thể tải kết quả giải quyết của hồ sơ {code}: {why}. Vui lòng theo dõi trạng thái hồ sơ hoặc liên hệ bộ phận một cửa.");
}
