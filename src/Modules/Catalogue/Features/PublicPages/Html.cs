using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Onestop.Catalogue.Features.PublicPages;

/// <summary>Small server-rendered pages: one inline stylesheet, no scripts, every piece of data HTML-encoded.</summary>
internal static class Html
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    // Vietnamese letters stay readable in the source; markup characters are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff}
        header{background:#a31d1d;color:#fff;padding:.6rem 1rem}header a{color:#fff;text-decoration:none;font-weight:600}
        main{max-width:48rem;margin:0 auto;padding:1rem}h1{font-size:1.35rem;line-height:1.3}h2{font-size:1.1rem;margin-top:1.5rem;border-bottom:1px solid #ddd}
        a{color:#0b57a4}ul.list{list-style:none;padding:0}ul.list li{padding:.6rem 0;border-bottom:1px solid #eee}
        .muted{color:#555;font-size:.9rem}.badge{display:inline-block;font-size:.8rem;padding:0 .4rem;border-radius:.3rem;background:#e6f0fa;color:#0b57a4}
        .warn{background:#fff4e5;border-left:4px solid #e68a00;padding:.6rem}table{border-collapse:collapse;width:100%;font-size:.95rem}
        th,td{border:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
        form{display:flex;gap:.4rem;margin:.5rem 0}input[type=search]{flex:1;font-size:1rem;padding:.5rem;min-width:0}button{font-size:1rem;padding:.5rem .8rem}
        """;

    public static string E(string? text) => text is null ? "" : Encoder.Encode(text);

    public static string Number(decimal value) => value.ToString("#,0", Vietnamese);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The page shell: title, search box and body.</summary>
    public static byte[] Page(string title, string body, string? query = null)
    {
        var html = new StringBuilder(4096)
            .Append("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<header><a href=\"").Append(CataloguePermalinks.FieldsPath).Append("\">Thủ tục hành chính</a></header><main>")
            .Append(SearchForm(query))
            .Append(body)
            .Append("</main></body></html>");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    public static string SearchForm(string? query) =>
        $"<form action=\"{CataloguePermalinks.SearchPath()}\" method=\"get\" role=\"search\"><input type=\"search\" name=\"q\" value=\"{E(query)}\" maxlength=\"100\" placeholder=\"Tên hoặc mã thủ tục, ví dụ: khai sinh\" aria-label=\"Tìm thủ tục\"><button type=\"submit\">Tìm</button></form>";

    public static IResult Result(byte[] page, int status = StatusCodes.Status200OK, int maxAgeSeconds = 300) => new HtmlResult(page, status, maxAgeSeconds);

    public static IResult NotFound(string message) => Result(Page("Không tìm thấy trang", $"""
        <h1>Không tìm thấy trang</h1><p>{E(message)}</p>
        <p>Quý vị có thể tìm thủ tục bằng ô tìm kiếm phía trên hoặc xem <a href="{CataloguePermalinks.FieldsPath}">danh sách lĩnh vực</a>.</p>
        """), StatusCodes.Status404NotFound, 60);

    private sealed class HtmlResult(byte[] page, int status, int maxAgeSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = $"public, max-age={maxAgeSeconds}";
            response.ContentLength = page.Length;
            return response.Body.WriteAsync(page).AsTask();
        }
    }
}
