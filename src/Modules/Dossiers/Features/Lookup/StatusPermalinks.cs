using Microsoft.Extensions.Configuration;

namespace Onestop.Dossiers.Features.Lookup;

/// <summary>
/// The address of a dossier's public status page (tra cứu hồ sơ), as the receipt's QR code prints it: absolute from
/// <c>Catalogue:PublicBaseUrl</c> when configured (the same public base as the catalogue's pages), else a path. With
/// the lookup secret the page opens on the status at once; without it the citizen types the secret printed on the receipt.
/// </summary>
public sealed class StatusPermalinks(IConfiguration configuration)
{
    public const string PagePath = "/tra-cuu-ho-so";

    private readonly string baseUrl = configuration["Catalogue:PublicBaseUrl"]?.TrimEnd('/') ?? "";

    public static string Path(string code, string? secret = null) =>
        $"{PagePath}?ma={Uri.EscapeDataString(code)}" + (string.IsNullOrEmpty(secret) ? "" : $"&k={Uri.EscapeDataString(secret)}");

    public string Public(string code, string? secret = null) => baseUrl + Path(code, secret);
}
