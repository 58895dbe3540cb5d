using System.Text;
using static Onestop.Dossiers.Features.Forms.FormPage;

namespace Onestop.Dossiers.Features.Forms;

/// <summary>Mẫu 07 printed landscape: a book has more columns than a slip.</summary>
internal static class TrackingBookPage
{
    public static byte[] Render(TrackingBookView book, FormHeader header, Func<string, string> unitName)
    {
        var body = new StringBuilder(8192)
            .Append("<table class=\"grid\"><tr><th>TT</th><th>Mã hồ sơ</th><th>Người nộp hồ sơ</th><th>Thủ tục hành chính</th>")
            .Append("<th>Hình thức nộp</th><th>Đơn vị đang giải quyết</th><th>Ngày tiếp nhận</th><th>Hạn giải quyết</th><th>Ngày trả kết quả</th>")
            .Append("<th>Tình trạng</th></tr>");
        var number = 0;
        foreach (var entry in book.Entries)
        {
            var identity = entry.ApplicantIdentity is { } masked ? $"<br><span class=\"small\">Số định danh: {E(masked)}</span>" : "";
            body.Append($"<tr><td class=\"n\">{++number}</td><td>{E(entry.Code)}</td><td>{E(entry.ApplicantName)}{identity}</td>")
                .Append($"<td>{E(entry.ProcedureName)}<br><span class=\"small\">Mã {E(entry.ProcedureCode)}</span></td><td>{E(entry.ChannelText)}</td>")
                .Append($"<td>{E(unitName(entry.HandlingUnit))}</td><td>{E(Time(entry.ReceivedAt))}</td><td>{E(Time(entry.DueAt))}</td>")
                .Append($"<td>{E(Time(entry.ReturnedAt))}</td><td>{E(entry.StatusText)}</td></tr>");
        }

        body.Append("</table>")
            .Append(book.Entries.Count == 0 ? "<p>Không có hồ sơ nào được tiếp nhận trong thời gian này.</p>" : Line("Tổng số hồ sơ", book.Entries.Count.ToString("00", System.Globalization.CultureInfo.InvariantCulture)))
            .Append(Signatures("Người lập sổ", null, "Thủ trưởng cơ quan, đơn vị", null));
        return FormPage.Render("Sổ theo dõi hồ sơ", header, body.ToString(),
            $"Mẫu số 07 — từ ngày {Date(book.From)} đến ngày {Date(book.To)}", wide: true);
    }
}
