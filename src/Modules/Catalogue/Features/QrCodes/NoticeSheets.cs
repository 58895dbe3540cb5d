using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Onestop.Catalogue.Features.PublicPages;
using static Onestop.Catalogue.Features.PublicPages.Html;

namespace Onestop.Catalogue.Features.QrCodes;

/// <summary>
/// Printable A4 sheets for the notice board (bảng niêm yết): a unit's sheet has one QR code per field, as the Hà Huy Tập
/// ward posted them; a field's sheet has one per procedure. Each code is inline SVG, so it prints sharp at any size.
/// </summary>
internal static class NoticeSheets
{
    private const string PrintStyle = """
        @page{size:A4;margin:12mm}*{box-sizing:border-box}body{margin:0;font:11pt/1.35 "Times New Roman",serif;color:#000}
        h1{font-size:16pt;text-align:center;margin:0 0 2mm}p.lead{text-align:center;margin:0 0 5mm}
        .grid{display:grid;grid-template-columns:repeat(3,1fr);gap:5mm}.card{border:1px solid #000;padding:3mm;text-align:center;break-inside:avoid;page-break-inside:avoid}
        .card svg{width:45mm;height:45mm;display:block;margin:0 auto}.name{font-weight:bold;margin-top:2mm}.small{font-size:8pt;word-break:break-all}
        @media screen{body{max-width:210mm;margin:0 auto;padding:8mm}.grid{grid-template-columns:repeat(auto-fill,minmax(55mm,1fr))}}
        """;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var sheets = endpoints.MapGroup("/in").ExcludeFromDescription();
        sheets.MapGet("/don-vi/{unitCode}/qr", async (string unitCode, HttpRequest request, PublicCatalogueReader reader, CataloguePermalinks links, QrImages images) =>
        {
            if (await reader.UnitAsync(unitCode) is not { } unit)
            {
                return Html.NotFound($"Không có đơn vị mã “{unitCode}”.");
            }

            var cards = unit.Fields.Select(f => Card(images, links.Absolute(request, CataloguePermalinks.FieldPath(f.Slug)), $"Lĩnh vực {f.Name}", $"{f.ProcedureCount} thủ tục"));
            return Sheet($"{unit.Name}: tra cứu thủ tục hành chính", "Quét mã QR bằng điện thoại để xem các thủ tục của từng lĩnh vực.", cards);
        });
        sheets.MapGet("/linh-vuc/{slug}/qr", async (string slug, HttpRequest request, PublicCatalogueReader reader, CataloguePermalinks links, QrImages images) =>
        {
            if (await reader.FieldAsync(slug) is not { } field)
            {
                return Html.NotFound($"Không có lĩnh vực “{slug}”.");
            }

            var procedures = await reader.ProceduresAsync(field.Code);
            var cards = procedures.Select(p => Card(images, links.Absolute(request, CataloguePermalinks.ProcedurePath(p.Code)), p.Name, $"Mã {p.Code}"));
            return Sheet($"Lĩnh vực {field.Name}: {procedures.Count} thủ tục", "Quét mã QR bằng điện thoại để xem hồ sơ, thời hạn, phí và cách nộp trực tuyến.", cards);
        });
    }

    private static string Card(QrImages images, string url, string name, string detail) =>
        $"<div class=\"card\">{images.InlineSvg(url)}<div class=\"name\">{E(name)}</div><div>{E(detail)}</div><div class=\"small\">{E(url)}</div></div>";

    private static IResult Sheet(string title, string lead, IEnumerable<string> cards)
    {
        var html = new StringBuilder(16384)
            .Append("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append("</title><style>").Append(PrintStyle).Append("</style></head><body>")
            .Append("<h1>").Append(E(title)).Append("</h1><p class=\"lead\">").Append(E(lead)).Append("</p><div class=\"grid\">")
            .AppendJoin("", cards)
            .Append("</div></body></html>");
        return Result(Encoding.UTF8.GetBytes(html.ToString()), maxAgeSeconds: 60);
    }
}
