using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Onestop.Catalogue.Domain;
using Onestop.Messaging.Http;

namespace Onestop.Catalogue.Features.Search;

internal static class SearchEndpoint
{
    /// <summary>GET /api/catalogue/search?q=&amp;field=&amp;unit=&amp;online=&amp;page=&amp;pageSize=, for citizens and officers.</summary>
    public static IEndpointRouteBuilder MapCatalogueSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/catalogue/search", (string? q, string? field, string? unit, string? online, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
                m.Send(new SearchProcedures(q, field, unit, CatalogueApi.ParseOptional<OnlineLevel>(online, "online"), page ?? 1, pageSize ?? 20), ct))
            .WithTags("Catalogue").AccessOf<SearchProcedures>();
        return endpoints;
    }
}
