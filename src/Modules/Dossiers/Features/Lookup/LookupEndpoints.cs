using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Onestop.Errors;

namespace Onestop.Dossiers.Features.Lookup;

/// <summary>
/// The citizen's status lookup: REST for portals' and the admin UI's own pages, and the public page the receipt's QR
/// code opens. Every attempt is rate-limited; answers are never cached and never leak the address they came from.
/// </summary>
internal static class LookupEndpoints
{
    public sealed record StatusLookupRequest(string? Code, string? Secret);

    public static void MapDossierLookup(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/public/dossiers/status", async (StatusLookupRequest body, HttpContext http, IMediator mediator, LookupRateLimiter limiter) =>
        {
            NoTrace(http);
            return await LookUpAsync(body.Code ?? "", body.Secret ?? "", http, mediator, limiter);
        }).WithTags("Citizen lookup").WithName("LookupDossierStatus").AllowAnonymous();

        endpoints.MapGet(StatusPermalinks.PagePath, (string? ma, string? k, HttpContext http, IMediator mediator, LookupRateLimiter limiter) =>
            PageAsync(ma, k, http, mediator, limiter)).ExcludeFromDescription().AllowAnonymous();
        endpoints.MapPost(StatusPermalinks.PagePath, ([FromForm] string? ma, [FromForm] string? k, HttpContext http, IMediator mediator, LookupRateLimiter limiter) =>
            PageAsync(ma, k, http, mediator, limiter)).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
    }

    private static async Task<DossierStatusForCitizen> LookUpAsync(string code, string secret, HttpContext http, IMediator mediator, LookupRateLimiter limiter)
    {
        limiter.Admit(http, code);
        try
        {
            return await mediator.Send(new LookupDossierStatus(code, secret), http.RequestAborted);
        }
        catch (AppException e) when (e.Code == "dossier.lookup_no_match")
        {
            limiter.Failed(code);
            throw;
        }
    }

    /// <summary>The form alone when nothing was entered; otherwise the status, or the form again with the reason it failed.</summary>
    private static async Task<IResult> PageAsync(string? code, string? secret, HttpContext http, IMediator mediator, LookupRateLimiter limiter)
    {
        NoTrace(http);
        if (string.IsNullOrWhiteSpace(code) && string.IsNullOrWhiteSpace(secret))
        {
            return Html(StatusPage.Form(null, null), StatusCodes.Status200OK);
        }

        try
        {
            return Html(StatusPage.Status(await LookUpAsync(code ?? "", secret ?? "", http, mediator, limiter)), StatusCodes.Status200OK);
        }
        catch (AppException e) when (e.Kind is ErrorKind.Validation or ErrorKind.NotFound or ErrorKind.TooManyRequests)
        {
            var message = e.FieldErrors.Count > 0 ? string.Join(" ", e.FieldErrors.Select(f => f.Message)) : e.Message;
            var status = e.Kind switch
            {
                ErrorKind.Validation => StatusCodes.Status400BadRequest,
                ErrorKind.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status429TooManyRequests,
            };
            if (status == StatusCodes.Status429TooManyRequests)
            {
                http.Response.Headers.RetryAfter = "60";
            }

            return Html(StatusPage.Form(code, message), status);
        }
    }

    private static IResult Html(string page, int status) => Results.Content(page, "text/html; charset=utf-8", statusCode: status);

    private static void NoTrace(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
