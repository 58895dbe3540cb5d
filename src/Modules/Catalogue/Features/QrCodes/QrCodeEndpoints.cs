using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Onestop.Catalogue.Features.PublicPages;
using Onestop.Errors;

namespace Onestop.Catalogue.Features.QrCodes;

/// <summary>/qr/linh-vuc/{slug}.png|svg and /qr/thu-tuc/{code}.png|svg: QR codes of the public permalinks.</summary>
public static class QrCodeEndpoints
{
    public static IEndpointRouteBuilder MapCatalogueQrCodes(this IEndpointRouteBuilder endpoints)
    {
        var qr = endpoints.MapGroup("/qr").WithTags("Catalogue");
        qr.MapGet("/linh-vuc/{file}", async (string file, string? size, HttpRequest request, PublicCatalogueReader reader, CataloguePermalinks links, QrImages images) =>
        {
            var (slug, format, pixels) = Parse(file, size);
            _ = await reader.FieldAsync(slug) ?? throw AppException.NotFound("catalogue.field_not_found", $"Không có lĩnh vực “{slug}”.");
            return Image(request.HttpContext.Response, images, format, links.Absolute(request, CataloguePermalinks.FieldPath(slug)), pixels);
        });
        qr.MapGet("/thu-tuc/{file}", async (string file, string? size, HttpRequest request, PublicCatalogueReader reader, CataloguePermalinks links, QrImages images) =>
        {
            var (code, format, pixels) = Parse(file, size);
            if (!await reader.ProcedureExistsAsync(code))
            {
                throw AppException.NotFound("catalogue.procedure_not_found", $"Không có thủ tục mã “{code}” đang được áp dụng.");
            }

            return Image(request.HttpContext.Response, images, format, links.Absolute(request, CataloguePermalinks.ProcedurePath(code)), pixels);
        });
        NoticeSheets.Map(endpoints);
        return endpoints;
    }

    // A permalink never changes meaning, so its image may be cached for a day.
    private static IResult Image(HttpResponse response, QrImages images, QrFormat format, string url, int size)
    {
        response.Headers.CacheControl = "public, max-age=86400";
        return format == QrFormat.Png
            ? Results.Bytes(images.Png(url, size), "image/png")
            : Results.Bytes(images.Svg(url, size), "image/svg+xml");
    }

    /// <summary>"1.001193.png" is the code "1.001193" as PNG: the extension is what follows the last dot.</summary>
    private static (string Key, QrFormat Format, int Size) Parse(string file, string? size)
    {
        var dot = file.LastIndexOf('.');
        var format = dot <= 0 ? (QrFormat?)null : file[(dot + 1)..] switch
        {
            "png" => QrFormat.Png,
            "svg" => QrFormat.Svg,
            _ => null,
        };
        if (format is null)
        {
            throw AppException.Validation("file", "Mã QR chỉ có dạng .png hoặc .svg.");
        }

        var pixels = QrImages.DefaultSize;
        if (size is not null && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pixels) || pixels is < QrImages.MinSize or > QrImages.MaxSize))
        {
            throw AppException.Validation("size", $"Kích thước mã QR phải là số điểm ảnh từ {QrImages.MinSize} đến {QrImages.MaxSize}.");
        }

        return (file[..dot], format.Value, pixels);
    }
}
