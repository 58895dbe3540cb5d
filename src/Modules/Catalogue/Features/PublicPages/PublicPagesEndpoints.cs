using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Catalogue.Features.Procedures;
using Onestop.Catalogue.Features.QrCodes;
using Onestop.Catalogue.Features.Search;
using Onestop.Errors;
using Onestop.EventStore.Projections;

namespace Onestop.Catalogue.Features.PublicPages;

/// <summary>Citizens' pages under /thu-tuc: fields, a field's procedures, a procedure, search. See docs/public-pages.md.</summary>
public static class PublicPagesEndpoints
{
    /// <summary>Registers the page cache, its change feed, the permalinks and the QR code renderer.</summary>
    public static IServiceCollection AddCataloguePublicPages(this IServiceCollection services)
    {
        services.AddSingleton<PublicCatalogueCache>();
        services.AddSingleton<IInlineProjection, PublicCatalogueChanges>();
        services.AddSingleton<PublicCatalogueReader>();
        services.AddSingleton<CataloguePermalinks>();
        services.AddSingleton<QrImages>();
        return services;
    }

    public static IEndpointRouteBuilder MapCataloguePublicPages(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup(CataloguePermalinks.FieldsPath).ExcludeFromDescription();
        pages.MapGet("", async (PublicCatalogueReader reader, PublicCatalogueCache cache) =>
            Html.Result(await cache.GetOrAddAsync("page:fields", async () => ListingPages.Fields(await reader.FieldsAsync()))));
        pages.MapGet("/linh-vuc/{slug}", FieldPageAsync);
        pages.MapGet("/tim-kiem", SearchPageAsync);
        pages.MapGet("/{code}", ProcedurePageAsync);
        return endpoints;
    }

    private static async Task<IResult> FieldPageAsync(string slug, PublicCatalogueReader reader, PublicCatalogueCache cache)
    {
        var page = await cache.GetOrAddAsync($"page:field:{slug}", async () =>
            await reader.FieldAsync(slug) is { } field ? ListingPages.Field(field, await reader.ProceduresAsync(field.Code)) : null);
        return page is null ? Html.NotFound($"Không có lĩnh vực “{slug}”.") : Html.Result(page);
    }

    private static async Task<IResult> ProcedurePageAsync(
        string code, IMediator mediator, PublicCatalogueReader reader, PublicCatalogueCache cache, IConfiguration configuration, CancellationToken ct)
    {
        var page = await cache.GetOrAddAsync($"page:procedure:{code}", async () =>
        {
            try
            {
                var view = await mediator.Send(new GetProcedure(code), ct);
                var field = (await reader.FieldsAsync()).FirstOrDefault(f => f.Code == view.Content.FieldCode);
                return ProcedurePage.Render(view, field, configuration["Catalogue:OnlinePortalUrl"] ?? "https://dichvucong.gov.vn");
            }
            catch (AppException e) when (e.Kind == ErrorKind.NotFound)
            {
                return null;
            }
        });
        return page is null ? Html.NotFound($"Không có thủ tục mã “{code}” đang được áp dụng.") : Html.Result(page);
    }

    private static async Task<IResult> SearchPageAsync(string? q, int? page, IMediator mediator, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return Html.Result(ListingPages.Search(null, null, null));
        }

        try
        {
            var results = await mediator.Send(new SearchProcedures(q, Page: Math.Max(1, page ?? 1)), ct);
            return Html.Result(ListingPages.Search(q, results, null), maxAgeSeconds: 60);
        }
        catch (AppException e) when (e.Kind == ErrorKind.Validation)
        {
            var message = string.Join(" ", e.FieldErrors.Select(f => f.Message).DefaultIfEmpty(e.Message));
            return Html.Result(ListingPages.Search(q, null, message), StatusCodes.Status400BadRequest, 60);
        }
    }
}
