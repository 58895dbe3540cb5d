using System.Text;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.Procedures;
using static Onestop.Catalogue.Features.PublicPages.Html;

namespace Onestop.Catalogue.Features.PublicPages;

/// <summary>A procedure's full public page: everything Article 15 of Circular 02/2017/TT-VPCP asks offices to post.</summary>
internal static class ProcedurePage
{
    public static byte[] Render(ProcedureView view, PublicField? field, string onlinePortalUrl)
    {
        var c = view.Content;
        var b = new StringBuilder(8192);
        b.Append($"<p class=\"muted\">Mã thủ tục {E(view.Code)}");
        if (field is not null)
        {
            b.Append($" · Lĩnh vực <a href=\"{CataloguePermalinks.FieldPath(field.Slug)}\">{E(field.Name)}</a>");
        }

        b.Append($"</p><h1>{E(c.Name)}</h1>");
        b.Append(StatusNotice(view));
        b.Append($"<p>Cấp thực hiện: {Level(c.Level)}. Cơ quan thực hiện: {E(c.Agency)}.</p>");
        if (c.ReceivableAnywhere)
        {
            b.Append("<p>Hồ sơ được tiếp nhận không phụ thuộc địa giới hành chính.</p>");
        }

        b.Append("<h2>Trình tự thực hiện</h2><ol>").AppendJoin("", c.Steps.Select(s => $"<li>{E(s)}</li>")).Append("</ol>");
        b.Append("<h2>Cách thức thực hiện</h2><ul>").AppendJoin("", c.Channels.Select(ch => $"<li>{Channel(ch)}</li>")).Append("</ul>");
        b.Append(OnlineHowTo(view.Code, c.OnlineLevel, onlinePortalUrl));
        b.Append("<h2>Thành phần hồ sơ</h2>").Append(Components(c.Components));
        b.Append("<h2>Thời hạn giải quyết</h2><p>").Append(Time(c.ProcessingTime)).Append("</p>");
        b.Append("<h2>Phí, lệ phí</h2>").Append(Fees(c.Fees));
        b.Append("<h2>Yêu cầu, điều kiện</h2><p>").Append(string.IsNullOrWhiteSpace(c.Requirements) ? "Không có." : E(c.Requirements)).Append("</p>");
        b.Append("<h2>Căn cứ pháp lý</h2><ul>").AppendJoin("", c.LegalBasis.Select(l => $"<li>{E(l)}</li>")).Append("</ul>");
        b.Append("<h2>Kết quả thực hiện</h2><p>").Append(E(c.Result)).Append("</p>");
        var d = view.Decision;
        b.Append($"<p class=\"muted\">Phiên bản {view.Version} theo Quyết định số {E(d.Number)} ngày {Date(d.SignedOn)} của {E(d.Issuer)}, áp dụng từ {Date(d.EffectiveFrom)}. Thông tin đúng tại ngày {Date(view.AsOf)}.</p>");
        b.Append($"<p class=\"muted\"><a href=\"{CataloguePermalinks.ProcedureQrPath(view.Code, "png")}\">Mã QR của trang này</a></p>");
        return Page($"{c.Name} – Thủ tục hành chính", b.ToString());
    }

    private static string StatusNotice(ProcedureView view) => view.Status switch
    {
        ProcedureStatus.Suspended => "<p class=\"warn\">Thủ tục đang tạm dừng thực hiện.</p>",
        ProcedureStatus.Repealed => "<p class=\"warn\">Thủ tục đã bị bãi bỏ.</p>",
        ProcedureStatus.Replaced when view.ReplacementCode is { } code =>
            $"<p class=\"warn\">Thủ tục đã được thay thế bởi thủ tục <a href=\"{CataloguePermalinks.ProcedurePath(code)}\">{E(code)}</a>.</p>",
        ProcedureStatus.Replaced => "<p class=\"warn\">Thủ tục đã được thay thế.</p>",
        _ => "",
    };

    private static string OnlineHowTo(string code, OnlineLevel level, string portal) => level switch
    {
        OnlineLevel.Full => $"<p><span class=\"badge\">Dịch vụ công trực tuyến toàn trình</span></p><p>Nộp hồ sơ, nộp phí và nhận kết quả hoàn toàn trực tuyến: truy cập <a href=\"{E(portal)}\">{E(portal)}</a>, đăng nhập bằng tài khoản định danh điện tử (VNeID), tìm thủ tục mã <strong>{E(code)}</strong>, điền tờ khai, đính kèm bản điện tử các giấy tờ và nộp.</p>",
        OnlineLevel.Partial => $"<p><span class=\"badge\">Dịch vụ công trực tuyến một phần</span></p><p>Nộp hồ sơ trực tuyến tại <a href=\"{E(portal)}\">{E(portal)}</a> (đăng nhập bằng VNeID, tìm thủ tục mã <strong>{E(code)}</strong>); nộp bản chính để đối chiếu, nộp phí hoặc nhận kết quả tại Bộ phận Một cửa theo hướng dẫn.</p>",
        _ => "",
    };

    private static string Components(IReadOnlyList<ComponentSpec> components)
    {
        var b = new StringBuilder("<table><thead><tr><th>Giấy tờ</th><th>Bản chính</th><th>Bản sao</th><th>Bắt buộc</th><th>Mẫu</th></tr></thead><tbody>");
        foreach (var c in components)
        {
            var required = c.Required ? "Bắt buộc" : "Không bắt buộc";
            var condition = c.Condition is null ? "" : $"<br><span class=\"muted\">{E(c.Condition)}</span>";
            var form = IsWebLink(c.FormUrl) ? $"<a href=\"{E(c.FormUrl)}\" download>Tải {E(c.FormName ?? "mẫu")}</a>" : E(c.FormName);
            b.Append($"<tr><td>{E(c.Name)}</td><td>{c.Originals}</td><td>{c.Copies}</td><td>{required}{condition}</td><td>{form}</td></tr>");
        }

        return b.Append("</tbody></table>").ToString();
    }

    private static bool IsWebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string Time(ProcessingTime time) => time.SameDay
        ? $"Giải quyết trong ngày làm việc. Hồ sơ nhận sau {time.CutOffHour} giờ được giải quyết và trả kết quả trong ngày làm việc tiếp theo."
        : $"{time.WorkingDays} ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ. Hồ sơ nhận sau {time.CutOffHour} giờ được tính từ ngày làm việc tiếp theo.";

    private static string Fees(IReadOnlyList<Fee> fees) => fees.Count == 0
        ? "<p>Không thu phí, lệ phí.</p>"
        : "<ul>" + string.Concat(fees.Select(f =>
            $"<li>{E(f.Name)}: {(f.Amount == 0 ? "không thu" : Number(f.Amount) + " đồng")}{(f.Exemption is null ? "" : $". Miễn, giảm: {E(f.Exemption)}")}</li>")) + "</ul>";

    private static string Level(ImplementingLevel level) => level switch
    {
        ImplementingLevel.Central => "Trung ương",
        ImplementingLevel.Province => "Cấp tỉnh",
        _ => "Cấp xã",
    };

    private static string Channel(Channel channel) => channel switch
    {
        Domain.Channel.Direct => "Trực tiếp tại Bộ phận Một cửa",
        Domain.Channel.Online => "Trực tuyến",
        _ => "Qua dịch vụ bưu chính công ích",
    };
}
