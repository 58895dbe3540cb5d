using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Onestop.Catalogue.Features.QrCodes;
using Onestop.Dossiers.Features.Lookup;
using Onestop.Dossiers.Features.Queries;
using Onestop.Errors;

using Onestop.Messaging.Http;

namespace Onestop.Dossiers.Features.Forms;

/// <summary>What the receipt may carry: the lookup secret returned once at intake, to print it and put it in the QR code.</summary>
public sealed record ReceiptRequest(string? LookupSecret = null);

/// <summary>
/// The official forms of a dossier as standalone printable HTML pages, and the receipt also as PDF (docs/dossiers.md,
/// "Forms"). The receipt is a POST because its body may carry the lookup secret, which must not travel in an address
/// that logs keep.
/// </summary>
internal static class DossierFormsEndpoints
{
    public static IEndpointRouteBuilder MapDossierForms(this IEndpointRouteBuilder endpoints)
    {
        // A form shows the dossier, so whoever may read the dossier may print its forms.
        var forms = endpoints.MapGroup("/api/dossiers").WithTags("Dossier forms").AccessOf<GetDossier>();
        forms.MapPost("/{id:guid}/forms/receipt", async (Guid id, string? format, ReceiptRequest? body, HttpRequest request, DossierPapers papers,
            StatusPermalinks links, QrImages qr, CancellationToken ct) =>
        {
            var paper = await papers.LoadAsync(id, ct);
            var pdf = WantsPdf(request, format);
            var secret = ReceiptForm.CheckedSecret(paper, body?.LookupSecret);
            var url = links.Public(paper.State.Code, secret);
            var receipt = ReceiptForm.Compose(paper, secret, url);
            return pdf
                ? FormPage.Result(ReceiptPdf.Render(receipt, QrImages.Encode(url)), "application/pdf")
                : FormPage.Result(ReceiptForm.Html(receipt, qr.InlineSvg(url)));
        }).WithName("DossierReceiptForm").Produces(StatusCodes.Status200OK, responseType: null, contentType: "text/html", "application/pdf");
        forms.MapGet("/{id:guid}/forms/supplement-request", async (Guid id, DossierPapers papers, CancellationToken ct) =>
            FormPage.Result(NoticeForms.SupplementRequest(await papers.LoadAsync(id, ct)))).Html("DossierSupplementRequestForm");
        forms.MapGet("/{id:guid}/forms/refusal", async (Guid id, DossierPapers papers, CancellationToken ct) =>
            FormPage.Result(NoticeForms.Refusal(await papers.LoadAsync(id, ct)))).Html("DossierRefusalForm");
        forms.MapGet("/{id:guid}/forms/apology", async (Guid id, DossierPapers papers, CancellationToken ct) =>
            FormPage.Result(NoticeForms.Apology(await papers.LoadAsync(id, ct)))).Html("DossierApologyForm");
        forms.MapGet("/{id:guid}/forms/stop-notice", async (Guid id, DossierPapers papers, CancellationToken ct) =>
            FormPage.Result(NoticeForms.StopNotice(await papers.LoadAsync(id, ct)))).Html("DossierStopNoticeForm");
        forms.MapGet("/{id:guid}/forms/process-control", async (Guid id, DossierPapers papers, TimeProvider clock, CancellationToken ct) =>
            FormPage.Result(ProcessControlForm.Render(await papers.LoadAsync(id, ct), clock.GetUtcNow()))).Html("DossierProcessControlForm");
        forms.MapGet("/forms/tracking-book", async (string? unit, string? from, string? to, IMediator m, DossierPapers papers, TimeProvider clock,
            CancellationToken ct) =>
        {
            var book = await m.Send(GetTrackingBook.Parse(unit, from, to), ct);
            var units = await papers.UnitsAsync(ct);
            var header = FormHeader.For(units, book.Unit, papers.Place, clock.GetUtcNow());
            return FormPage.Result(TrackingBookPage.Render(book, header, code => units.GetValueOrDefault(code)?.Name ?? code));
        }).Html("DossierTrackingBook").AccessOf<GetTrackingBook>();
        return endpoints;
    }

    /// <summary>PDF on <c>?format=pdf</c> or <c>Accept: application/pdf</c>; HTML otherwise. Without the fonts a PDF cannot show Vietnamese.</summary>
    private static bool WantsPdf(HttpRequest request, string? format)
    {
        var pdf = format switch
        {
            null => request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase)),
            "pdf" => true,
            "html" => false,
            _ => throw AppException.Validation("format", $"Định dạng '{format}' không hỗ trợ; chọn html hoặc pdf."),
        };
        return !pdf || PdfFonts.Available ? pdf : throw AppException.Conflict("dossier.pdf_unavailable",
            $"Máy chủ chưa có phông chữ tiếng Việt DejaVu Serif ({PdfFonts.Directory}, gói fonts-dejavu-core) nên chưa in được bản PDF; hãy in bản HTML.");
    }

    private static RouteHandlerBuilder Html(this RouteHandlerBuilder endpoint, string name) =>
        endpoint.WithName(name).Produces(StatusCodes.Status200OK, contentType: "text/html");
}
