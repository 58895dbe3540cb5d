using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features;
using Onestop.Catalogue.Features.Calendar;
using Onestop.Catalogue.Features.Changes;
using Onestop.Catalogue.Grpc;
using Onestop.Grpc;
using Onestop.Catalogue.Features.ImportExport;
using Onestop.Catalogue.Features.PublicPages;
using Onestop.Catalogue.Features.QrCodes;
using Onestop.Catalogue.Features.Search;
using Onestop.Catalogue.Projections;
using Onestop.EventStore;
using Onestop.EventStore.Projections;
using Onestop.Messaging;
using Onestop.Postgres;
using Onestop.Postgres.Migrations;

namespace Onestop.Catalogue;

/// <summary>The catalogue module: versioned procedures, fields, units, working calendar, public pages and QR codes.</summary>
public static class CatalogueModule
{
    public static IServiceCollection AddCatalogue(this IServiceCollection services)
    {
        DapperTypeHandlers.Register();
        services.AddSingleton(new MigrationSource("catalogue", typeof(CatalogueModule).Assembly));
        services.AddEventTypes(CatalogueEventNames.Register);
        services.AddSingleton<IInlineProjection, CatalogueProjection>();
        services.AddSingleton<CatalogueQueries>();
        services.AddSingleton<Features.Procedures.ProcedureCache>();
        services.AddScoped<Features.ImportExport.CatalogueImporter>();
        services.AddCatalogueCalendar();
        services.AddCataloguePublicPages();
        services.AddMessaging(typeof(CatalogueModule).Assembly);
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<Samples.SampleCatalogueLoader>();
        services.AddSingleton<CatalogueChangeFeed>();
        services.AddGrpcService<CatalogueSyncService>(Contracts.Catalogue.V1.CatalogueSyncReflection.Descriptor.Services[0]);
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogue(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCatalogueApi();
        endpoints.MapCatalogueCalendar();
        endpoints.MapCatalogueImportExport();
        endpoints.MapCatalogueSearch();
        endpoints.MapCataloguePublicPages();
        endpoints.MapCatalogueQrCodes();
        return endpoints;
    }
}
