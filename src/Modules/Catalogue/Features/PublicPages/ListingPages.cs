using System.Text;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.Procedures;
using Onestop.Catalogue.Features.Search;
using static Onestop.Catalogue.Features.PublicPages.Html;

namespace Onestop.Catalogue.Features.PublicPages;

/// <summary>The list of fields, a field's procedures and search results.</summary>
internal static class ListingPages
{
    public static byte[] Fields(IReadOnlyList<PublicField> fields)
    {
        var b = new StringBuilder("<h1>Thủ tục hành chính theo lĩnh vực</h1><ul class=\"list\">");
        foreach (var f in fields)
        {
            b.Append($"<li><a href=\"{CataloguePermalinks.FieldPath(f.Slug)}\">{E(f.Name)}</a> <span class=\"muted\">{f.ProcedureCount} thủ tục</span></li>");
        }

        return Page("Thủ tục hành chính theo lĩnh vực", b.Append("</ul>").ToString());
    }

    public static byte[] Field(PublicField field, IReadOnlyList<PublicProcedure> procedures)
    {
        var b = new StringBuilder($"<p class=\"muted\"><a href=\"{CataloguePermalinks.FieldsPath}\">Lĩnh vực</a></p><h1>Lĩnh vực {E(field.Name)}</h1><p>{procedures.Count} thủ tục</p><ul class=\"list\">");
        foreach (var p in procedures)
        {
            b.Append(Item(p.Code, p.Name, p.OnlineLevel));
        }

        return Page($"Lĩnh vực {field.Name} – Thủ tục hành chính", b.Append("</ul>").ToString());
    }

    public static byte[] Search(string? q, Paged<SearchHit>? results, string? error)
    {
        var b = new StringBuilder("<h1>Tìm thủ tục hành chính</h1>");
        if (error is not null)
        {
            b.Append($"<p class=\"warn\">{E(error)}</p>");
        }
        else if (results is not null)
        {
            b.Append($"<p>{results.Total} kết quả cho “{E(q)}”.</p><ul class=\"list\">");
            foreach (var hit in results.Items)
            {
                b.Append(Item(hit.Code, hit.Name, hit.OnlineLevel));
            }

            b.Append("</ul>");
            if (results.Page * results.PageSize < results.Total)
            {
                b.Append($"<p><a href=\"{CataloguePermalinks.SearchPath(q)}&amp;page={results.Page + 1}\">Trang sau</a></p>");
            }
        }
        else
        {
            b.Append("<p>Nhập tên thủ tục (có dấu hoặc không dấu), chữ cái đầu như “DKKS”, hoặc mã thủ tục.</p>");
        }

        return Page(q is null ? "Tìm thủ tục hành chính" : $"Tìm “{q}” – Thủ tục hành chính", b.ToString(), q);
    }

    private static string Item(string code, string name, OnlineLevel online) =>
        $"<li><a href=\"{CataloguePermalinks.ProcedurePath(code)}\">{E(name)}</a><br><span class=\"muted\">{E(code)}</span>{Online(online)}</li>";

    private static string Online(OnlineLevel level) => level switch
    {
        OnlineLevel.Full => " <span class=\"badge\">Trực tuyến toàn trình</span>",
        OnlineLevel.Partial => " <span class=\"badge\">Trực tuyến một phần</span>",
        _ => "",
    };
}
