using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Messaging;
using Onestop.Postgres.Migrations;

namespace Onestop.Documents;

/// <summary>The documents module: digital storage of dossier components and signed results (issue 6). Builds on the dossiers module.</summary>
public static class DocumentsModule
{
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        services.AddSingleton(new MigrationSource("documents", typeof(DocumentsModule).Assembly));
        services.AddMessaging(typeof(DocumentsModule).Assembly);
        Signatures.SignatureServices.AddSignatureVerification(services);
        return services;
    }

    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder endpoints) => endpoints;
}
