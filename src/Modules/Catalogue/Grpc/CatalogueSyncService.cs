using MediatR;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.Changes;
using Onestop.Catalogue.Features.Procedures;
using Onestop.Catalogue.Features.PublicPages;
using Onestop.Catalogue.Features.Search;
using Onestop.Grpc;
using Onestop.Messaging;
using Proto = Onestop.Contracts.Catalogue.V1;

namespace Onestop.Catalogue.Grpc;

/// <summary>
/// gRPC CatalogueSync (contracts/proto/onestop/catalogue/v1/catalogue_sync.proto) for the portals. The unary calls go
/// through the mediator like the REST API; the change stream reads <see cref="CatalogueChangeFeed"/>, which MediatR 5
/// cannot stream.
/// </summary>
internal sealed class CatalogueSyncService(IMediator mediator, CatalogueChangeFeed feed, CataloguePermalinks permalinks)
{
    public async Task<Proto.Procedure> GetProcedure(Proto.GetProcedureRequest request, ServerCallContext context)
    {
        var asOf = CatalogueSyncMapping.ParseDate(request.AsOf, "as_of");
        var view = await mediator.Send(new GetProcedure(request.Code, asOf), context.CancellationToken);
        return view.ToProto(permalinks.Public(CataloguePermalinks.ProcedurePath(view.Code)));
    }

    public async Task<Proto.ListProceduresResponse> ListProcedures(Proto.ListProceduresRequest request, ServerCallContext context)
    {
        var query = new ListProcedures(
            Empty(request.FieldCode), Empty(request.UnitCode), request.OnlineLevel.ToDomain<OnlineLevel>(),
            request.Page == 0 ? 1 : request.Page, request.PageSize == 0 ? 50 : request.PageSize);
        var page = await mediator.Send(query, context.CancellationToken);
        var response = new Proto.ListProceduresResponse { Page = page.Page, PageSize = page.PageSize, Total = page.Total };
        response.Items.AddRange(page.Items.Select(CatalogueSyncMapping.ToProto));
        return response;
    }

    public async Task<Proto.SearchProceduresResponse> SearchProcedures(Proto.SearchProceduresRequest request, ServerCallContext context)
    {
        var query = new SearchProcedures(
            request.Query, Empty(request.FieldCode), Empty(request.UnitCode), request.OnlineLevel.ToDomain<OnlineLevel>(),
            request.Page == 0 ? 1 : request.Page, request.PageSize == 0 ? 20 : request.PageSize);
        var page = await mediator.Send(query, context.CancellationToken);
        var response = new Proto.SearchProceduresResponse { Page = page.Page, PageSize = page.PageSize, Total = page.Total };
        response.Items.AddRange(page.Items.Select(CatalogueSyncMapping.ToProto));
        return response;
    }

    public async Task WatchCatalogueChanges(
        Proto.WatchCatalogueChangesRequest request, IServerStreamWriter<Proto.CatalogueChange> responses, ServerCallContext context)
    {
        var after = FeedCursor.Parse(request.Cursor);
        await foreach (var change in feed.WatchAsync(after, context.CancellationToken))
        {
            await responses.WriteAsync(change.ToProto(), context.CancellationToken);
        }
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}
