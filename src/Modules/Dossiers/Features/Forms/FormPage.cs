using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.FieldsAndUnits;

namespace Onestop.Dossiers.Features.Forms;

/// <summary>
/// The head of an official form: the issuing unit under its parent (left), the national motto (right), and the
/// place and date of issue. Unit names come from the catalogue; an unknown code is printed as it is.
/// </summary>
internal sealed record FormHeader(string? ParentName, string UnitName, string Place, DateOnly Date)
{
    public static FormHeader For(IReadOnlyDictionary<string, UnitView> units, string unitCode, string place, DateTimeOffset issuedAt)
    {
        var unit = units.GetValueOrDefault(unitCode);
        var parent = unit?.ParentCode is { } code ? units.GetValueOrDefault(code) : null;
        return new FormHeader(parent?.Name, unit?.Name ?? unitCode, place, DateOnly.FromDateTime(FormPage.Local(issuedAt).DateTime));
    }
}

/// <summary>
/// Standalone printable pages for the official forms (mẫu phiếu): A4 with the margins of administrative documents,
/// Times New Roman as offices print, one inline stylesheet, no scripts, every datum HTML-encoded.
/// </summary>
internal static class FormPage
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    // Vietnamese letters stay readable in the source; markup characters are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    // Margins of Decree 30/2020/NĐ-CP (top and bottom 20 mm, left 30 mm, right 15 mm); the screen view imitates the sheet.
    private const string Style = """
        @page{size:A4;margin:20mm 15mm 20mm 30mm}@page wide{size:A4 landscape;margin:15mm}
        *{box-sizing:border-box}body{margin:0;font:13pt/1.4 "Times New Roman",Times,serif;color:#000;background:#fff}
        .sheet{max-width:165mm;margin:0 auto}.wide{page:wide;max-width:none}
        table.head{width:100%;border-collapse:collapse;margin-bottom:4mm;font-size:12pt}table.head td{width:42%;text-align:center;vertical-align:top;padding:0}
        table.head td+td{width:58%;white-space:nowrap}
        .b{font-weight:bold}.rule{width:35%;margin:1mm auto 0;border-top:1px solid #000}
        .place{font-style:italic;padding-top:3mm}h1{font-size:14pt;text-align:center;margin:4mm 0 1mm}
        .sub{text-align:center;margin:0 0 4mm}p{margin:1.5mm 0;text-align:justify}.label{font-weight:bold}
        table.grid{width:100%;border-collapse:collapse;margin:2mm 0;font-size:12pt}table.grid th,table.grid td{border:1px solid #000;padding:1mm 1.5mm;vertical-align:top}
        table.grid th{text-align:center}td.n{text-align:center}.small{font-size:10pt}.wide table.grid{font-size:10.5pt}
        table.sign{width:100%;margin-top:8mm;border-collapse:collapse}table.sign td{width:50%;text-align:center;vertical-align:top}
        .sign .name{margin-top:18mm;font-weight:bold}.qr{float:right;width:34mm;margin:0 0 2mm 4mm;text-align:center;font-size:9pt}
        .qr svg{width:32mm;height:32mm;display:block}ul,ol{margin:1mm 0;padding-left:7mm}tr{break-inside:avoid;page-break-inside:avoid}
        @media screen{body{padding:10mm;background:#eee}.sheet{background:#fff;padding:15mm 15mm 15mm 25mm;max-width:210mm}.wide{max-width:297mm}}
        """;

    public static string E(string? text) => text is null ? "" : Encoder.Encode(text);

    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, VietnamTime.Zone);

    /// <summary>dd/MM/yyyy HH:mm in Vietnam time, whatever the server's zone.</summary>
    public static string Time(DateTimeOffset? instant) =>
        instant is { } value ? Local(value).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"user:lan.nt" is how the event log names an official; the form prints the login.</summary>
    public static string Official(string? actor) => actor is null ? "" : actor[(actor.IndexOf(':') + 1)..];

    public static string Upper(string text) => text.ToUpper(Vietnamese);

    public static string Line(string label, string? value) => $"<p><span class=\"label\">{E(label)}:</span> {E(value)}</p>";

    /// <summary>Two signature blocks side by side, each with its title, the "(Ký và ghi rõ họ tên)" line and the printed name.</summary>
    public static string Signatures(string leftTitle, string? leftName, string rightTitle, string? rightName) =>
        $"<table class=\"sign\"><tr><td>{SignBlock(leftTitle, leftName)}</td><td>{SignBlock(rightTitle, rightName)}</td></tr></table>";

    public static byte[] Render(string title, FormHeader header, string body, string? subtitle = null, bool wide = false)
    {
        var html = new StringBuilder(8192)
            .Append("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body><div class=\"sheet")
            .Append(wide ? " wide" : "").Append("\">")
            .Append(Head(header))
            .Append("<h1>").Append(E(Upper(title))).Append("</h1>")
            .Append(subtitle is null ? "" : $"<p class=\"sub\">{E(subtitle)}</p>")
            .Append(body)
            .Append("</div></body></html>");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    /// <summary>Forms carry personal data: never cached, by the browser or anything between.</summary>
    public static IResult Result(byte[] page) => new FormResult(page, "text/html; charset=utf-8");

    public static IResult Result(byte[] document, string contentType) => new FormResult(document, contentType);

    private static string Head(FormHeader header)
    {
        var left = (header.ParentName is { } parent ? $"<div>{E(Upper(parent))}</div>" : "") + $"<div class=\"b\">{E(Upper(header.UnitName))}</div>";
        var date = header.Date;
        return $"""
            <table class="head"><tr><td>{left}<div class="rule"></div></td>
            <td><div class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="b">Độc lập - Tự do - Hạnh phúc</div><div class="rule"></div></td></tr>
            <tr><td></td><td class="place">{E(header.Place)}, ngày {date.Day:00} tháng {date.Month:00} năm {date.Year}</td></tr></table>
            """;
    }

    private static string SignBlock(string title, string? name) =>
        $"<div class=\"b\">{E(Upper(title))}</div><div><i>(Ký và ghi rõ họ tên)</i></div><div class=\"name\">{E(name)}</div>";

    private sealed class FormResult(byte[] content, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            response.ContentType = contentType;
            response.Headers.CacheControl = "no-store";
            response.ContentLength = content.Length;
            return response.Body.WriteAsync(content).AsTask();
        }
    }
}
