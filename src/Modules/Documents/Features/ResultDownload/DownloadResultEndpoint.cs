using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Onestop.Dossiers.Features.Lookup;
using Onestop.Errors;

namespace Onestop.Documents.Features.ResultDownload;

internal static class DownloadResultEndpoint
{
    public sealed record ResultDownloadRequest(string? Code, string? Secret);

    /// <summary>
    /// POST /api/public/dossiers/result: the signed result's content. Counted by the status lookup's limiter, so
    /// trying secrets here and on the status lookup shares one budget per address and per code.
    /// </summary>
    public static IEndpointRouteBuilder MapDownloadResult(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/public/dossiers/result", async (ResultDownloadRequest body, HttpContext http, IMediator mediator, LookupRateLimiter limiter) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            var code = body.Code ?? "";
            limiter.Admit(http, code);
            try
            {
                var result = await mediator.Send(new DownloadResult(code, body.Secret ?? ""), http.RequestAborted);
                return Results.File(result.Content, result.MediaType, result.FileName);
            }
            catch (AppException e) when (e.Code == "dossier.lookup_no_match")
            {
                limiter.Failed(code);
                throw;
            }
        }).WithTags("Citizen lookup").WithName("DownloadDossierResult").AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }
}
