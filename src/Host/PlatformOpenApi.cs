using Microsoft.AspNetCore.OpenApi;

namespace Onestop.Host;

/// <summary>
/// The OpenAPI 3.1 document of the admin REST API (every endpoint under /api), served at /openapi/admin-v1.json.
/// Public pages, QR images and health probes are not part of it.
/// </summary>
public static class PlatformOpenApi
{
    public const string DocumentName = "admin-v1";
    public const string Route = "/openapi/{documentName}.json";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Một cửa điện tử: admin REST API";
            document.Info.Version = "v1";
            document.Info.Description =
                "Commands and queries of the catalogue, dossiers, documents and statistics modules for the admin UI. " +
                "Errors are RFC 9457 problem details; validation errors list each field path.";
            return Task.CompletedTask;
        });
    }
}
