using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Onestop.Documents.Features.Changes;
using Onestop.Documents.Features.Queries;
using Onestop.Documents.Features.Signing;
using Onestop.Documents.Features.Upload;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Http;

namespace Onestop.Documents.Features;

/// <summary>
/// REST under /api/documents for the admin UI: streaming upload of the raw body, download with Range support
/// (ETag = the SHA-256), attachment to dossiers, digitisation, supersession (docs/documents.md).
/// </summary>
internal static class DocumentApi
{
    public static RouteGroupBuilder MapDocumentApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/documents").WithTags("Documents");

        // Any content type: the media type is sniffed from the bytes, whatever the client claims.
        api.MapPost("/", UploadAsync).Accepts(typeof(Stream), "*/*")
            .Produces<DocumentStored>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).AccessOf<UploadDocument>();
        api.MapGet("/", (Guid? dossierId, IMediator m, CancellationToken ct) =>
            m.Send(new ListDossierDocuments(dossierId ?? throw AppException.Validation("dossierId", "Phải chọn hồ sơ (tham số dossierId).")), ct))
            .AccessOf<ListDossierDocuments>();
        api.MapGet("/reusable", (string? identityNumber, IMediator m, CancellationToken ct) => m.Send(new ListReusablePapers(identityNumber ?? ""), ct))
            .AccessOf<ListReusablePapers>();
        api.MapGet("/{id:guid}", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetDocument(id), ct)).AccessOf<GetDocument>();
        api.MapGet("/{id:guid}/content", DownloadAsync).Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent, contentType: "application/octet-stream").Produces(StatusCodes.Status416RangeNotSatisfiable)
            .AccessOf<GetDocumentContent>();

        api.MapPost("/{id:guid}/attachments", (Guid id, AttachDocument? body, IMediator m, CancellationToken ct) =>
            m.Send(Required(body) with { DocumentId = id }, ct)).AccessOf<AttachDocument>();
        api.MapPost("/{id:guid}/digitisation", (Guid id, DigitiseDocument? body, IMediator m, CancellationToken ct) =>
            m.Send(Required(body) with { DocumentId = id }, ct)).AccessOf<DigitiseDocument>();
        api.MapPost("/{id:guid}/supersession", (Guid id, SupersedeDocument? body, IMediator m, CancellationToken ct) =>
            m.Send(Required(body) with { DocumentId = id }, ct)).AccessOf<SupersedeDocument>();
        api.MapPost("/{id:guid}/archival", (Guid id, IMediator m, CancellationToken ct) => m.Send(new ArchiveDocument(id), ct)).AccessOf<ArchiveDocument>();
        return api.MapSignDocument();
    }

    /// <summary>The body is read as a stream, never buffered; the file name comes from ?fileName= or Content-Disposition.</summary>
    private static async Task<IResult> UploadAsync(HttpContext http, string? fileName, IMediator m, IOptions<DocumentOptions> options, CancellationToken ct)
    {
        // Our limit answers 413 as problem details while the body streams; Kestrel's default 30 MB cap would answer
        // first, as a bare 400. Kestrel keeps a margin above ours (one read past our limit) against unbounded bodies.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxUploadBytes + (1024 * 1024);
        }

        var name = fileName ?? FileNameOf(http.Request);
        var outcome = await m.Send(new UploadDocument(name ?? "", http.Request.Body, http.Request.ContentLength), ct);
        if (outcome.Refusal is { } refusal)
        {
            return Results.Problem(Problem(refusal, http.RequestServices.GetRequiredService<RequestContext>().CorrelationId));
        }

        var stored = outcome.Stored!;
        return Results.Created($"/api/documents/{stored.Id}", stored);
    }

    private static async Task<IResult> DownloadAsync(Guid id, IMediator m, CancellationToken ct)
    {
        var content = await m.Send(new GetDocumentContent(id), ct);
        return Results.File(content.Content, content.MediaType, content.FileName, content.UploadedAt,
            new EntityTagHeaderValue($"\"{content.Sha256}\""), enableRangeProcessing: true);
    }

    private static string? FileNameOf(HttpRequest request) =>
        ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            ? HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value
            : null;

    private static ProblemDetails Problem(ContentRefusal refusal, string correlationId)
    {
        var problem = new ProblemDetails
        {
            Type = $"urn:onestop:problem:{refusal.Code}",
            Title = refusal.Status switch
            {
                StatusCodes.Status413PayloadTooLarge => "Tệp quá lớn",
                StatusCodes.Status415UnsupportedMediaType => "Định dạng tệp không được chấp nhận",
                _ => "Tệp bị từ chối",
            },
            Status = refusal.Status,
            Detail = refusal.Message,
        };
        problem.Extensions["code"] = refusal.Code;
        problem.Extensions["correlationId"] = correlationId;
        return problem;
    }

    private static T Required<T>(T? body)
        where T : class => body ?? throw AppException.Validation("body", "Thiếu nội dung yêu cầu.");
}
