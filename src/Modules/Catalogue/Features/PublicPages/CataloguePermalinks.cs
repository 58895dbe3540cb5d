using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Onestop.Catalogue.Features.PublicPages;

/// <summary>
/// The stable public addresses of the catalogue. QR codes print the absolute form, built from
/// <c>Catalogue:PublicBaseUrl</c> when configured, otherwise from the request, so a printed code survives catalogue changes.
/// </summary>
public sealed class CataloguePermalinks(IConfiguration configuration)
{
    public const string FieldsPath = "/thu-tuc";

    private readonly string? configuredBase = configuration["Catalogue:PublicBaseUrl"]?.TrimEnd('/') is { Length: > 0 } url ? url : null;

    public static string FieldPath(string slug) => $"/thu-tuc/linh-vuc/{Uri.EscapeDataString(slug)}";

    public static string ProcedurePath(string code) => $"/thu-tuc/{Uri.EscapeDataString(code)}";

    public static string SearchPath(string? q = null) => q is null ? "/thu-tuc/tim-kiem" : $"/thu-tuc/tim-kiem?q={Uri.EscapeDataString(q)}";

    public static string FieldQrPath(string slug, string extension) => $"/qr/linh-vuc/{Uri.EscapeDataString(slug)}.{extension}";

    public static string ProcedureQrPath(string code, string extension) => $"/qr/thu-tuc/{Uri.EscapeDataString(code)}.{extension}";

    public string BaseUrl(HttpRequest request) => configuredBase ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    public string Absolute(HttpRequest request, string path) => BaseUrl(request) + path;

    /// <summary>The absolute address when <c>Catalogue:PublicBaseUrl</c> is configured, else the path (no request to take the host from).</summary>
    public string Public(string path) => (configuredBase ?? "") + path;
}
