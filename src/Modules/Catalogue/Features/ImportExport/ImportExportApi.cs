using System.Text;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Onestop.Messaging.Http;

namespace Onestop.Catalogue.Features.ImportExport;

/// <summary>Whole-catalogue import and export under /api/catalogue.</summary>
public static class ImportExportApi
{
    private static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static IEndpointRouteBuilder MapCatalogueImportExport(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/catalogue").WithTags("Catalogue");
        api.MapGet("/export.json", (IMediator m, CancellationToken ct) => m.Send(new ExportCatalogue(), ct)).AccessOf<ExportCatalogue>();

        // The BOM makes Excel open the file as UTF-8, so Vietnamese text shows as written.
        api.MapGet("/export/{part}.csv", async (string part, IMediator m, CancellationToken ct) =>
            Results.File([.. Utf8WithBom.GetPreamble(), .. Encoding.UTF8.GetBytes(await m.Send(new ExportCataloguePart(part), ct))],
                "text/csv; charset=utf-8", $"catalogue-{part}.csv"))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").AccessOf<ExportCataloguePart>();
        api.MapPost("/import", (CatalogueFile file, IMediator m, CancellationToken ct) => m.Send(new ImportCatalogue(file), ct)).AccessOf<ImportCatalogue>();
        api.MapPost("/import/{part}.csv", async (string part, HttpRequest request, IMediator m, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            return await m.Send(new ImportCataloguePart(part, await reader.ReadToEndAsync(ct)), ct);
        }).Accepts<string>("text/csv").AccessOf<ImportCataloguePart>();
        return endpoints;
    }
}
