using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Onestop.Host.Health;

namespace Onestop.Host;

/// <summary>Tells whoever started the platform where to find it.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app, ILogger logger)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var grpcPort = GrpcReadiness.Port(app.Configuration);
        foreach (var address in addresses)
        {
            if (new Uri(address).Port == grpcPort)
            {
                logger.LogInformation("gRPC (HTTP/2) on {Address}: grpc.health.v1, grpc.reflection v1 and v1alpha, CatalogueSync, DossierSync, DossierAudit, DocumentExchange, StatisticsService; callers' API keys in Grpc:ApiKeys", address);
                continue;
            }

            logger.LogInformation("Admin UI: {AdminUi}", $"{address}{AdminUi.Path}/");
            logger.LogInformation("Public catalogue pages: {Pages}", $"{address}/thu-tuc");
            logger.LogInformation("Citizen dossier status lookup: {Lookup}", $"{address}/tra-cuu-ho-so");
            logger.LogInformation("REST API for the admin UI: {Api} (catalogue, dossiers, documents, statistics, accounts), described at {OpenApi}, Swagger UI at {Swagger}",
                $"{address}/api", $"{address}{PlatformOpenApi.DocumentPath}", $"{address}/swagger");
            if (app.Configuration.GetValue("Auth:SampleAccounts:Enabled", false))
            {
                logger.LogInformation("Sample accounts (password {Password}): {Accounts}", app.Configuration["Auth:SampleAccounts:Password"] ?? new Onestop.Accounts.SampleAccountsOptions().Password,
                    string.Join(", ", Onestop.Accounts.Features.SampleAccounts.Officials.Select(o => $"{o.UserName} ({o.Role}, {o.Unit})")));
            }

            logger.LogInformation("Health: {Live}, {Ready} and {Projections}", $"{address}/health/live", $"{address}/health/ready", $"{address}/health/projections");
        }
    }
}
