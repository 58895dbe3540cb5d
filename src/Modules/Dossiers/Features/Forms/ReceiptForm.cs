using System.Text;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Intake;
using Onestop.Errors;
using static Onestop.Dossiers.Features.Forms.FormPage;

namespace Onestop.Dossiers.Features.Forms;

/// <summary>
/// Mẫu 01, the receipt and appointment slip handed to the applicant. It prints the identity number in full (it is the
/// applicant's own paper) and a QR code of the public status page. The lookup secret is kept only hashed, so it is
/// printed only when the caller brings it (from the intake response) and it matches.
/// </summary>
internal static class ReceiptForm
{
    public const string Title = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả";

    /// <summary>The secret to print, normalised as the citizen types it; null when none was given.</summary>
    public static string? CheckedSecret(DossierPaper paper, string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        return LookupSecrets.Matches(paper.State.Id, secret, paper.State.LookupSecretHash)
            ? secret.Trim().ToUpperInvariant()
            : throw AppException.Validation("lookupSecret",
                $"Mã tra cứu không đúng với hồ sơ {paper.State.Code}. Nếu người nộp đã mất mã, cấp lại mã mới rồi in lại giấy tiếp nhận.");
    }

    public static byte[] Render(DossierPaper paper, string? secret, string statusUrl, string qrSvg)
    {
        EnsureApplicable(paper);
        var d = paper.State;
        var receivedBy = paper.Latest<DossierReceived>()?.Event.By ?? paper.Latest<OnlineDossierAccepted>()!.Value.Event.By;
        var unit = paper.Units.GetValueOrDefault(d.ReceivingUnit);
        var time = d.Procedure.ProcessingTime;
        var body = new StringBuilder(4096)
            .Append($"<div class=\"qr\">{qrSvg}<div>Quét mã để tra cứu hồ sơ</div></div>")
            .Append(Line("Mã hồ sơ", d.Code))
            .Append(Line("Tiếp nhận hồ sơ của", d.Applicant.FullName))
            .Append(d.Applicant.OrganizationName is { } organization ? Line("Tổ chức", organization) : "")
            .Append(d.Applicant.IdentityNumber is { } identity ? Line("Số định danh cá nhân", identity) : "")
            .Append(Line("Địa chỉ", d.Applicant.Address))
            .Append(Line("Số điện thoại", d.Applicant.Phone))
            .Append(d.Applicant.Email is { } email ? Line("Thư điện tử", email) : "")
            .Append(Line("Nội dung yêu cầu giải quyết", $"{d.Procedure.Name} (mã thủ tục {d.Procedure.Code})"))
            .Append(Line("Hình thức nộp", DossierTexts.Channel(d.Channel)))
            .Append("<p class=\"label\">1. Thành phần hồ sơ đã nhận:</p>")
            .Append("<table class=\"grid\"><tr><th>TT</th><th>Tên giấy tờ</th><th>Bản chính</th><th>Bản sao</th></tr>")
            .AppendJoin("", d.Components.Select((c, i) =>
                $"<tr><td class=\"n\">{i + 1}</td><td>{E(c.Name)}</td><td class=\"n\">{c.Originals}</td><td class=\"n\">{c.Copies}</td></tr>"))
            .Append("</table>")
            .Append(Line("2. Số lượng hồ sơ", "01 bộ"))
            .Append(Line("3. Thời hạn giải quyết theo quy định", time.SameDay || time.WorkingDays == 0 ? "trong ngày" : $"{time.WorkingDays} ngày làm việc"))
            .Append(Line("4. Thời gian nhận hồ sơ", Time(d.ReceivedAt)))
            .Append(Line("5. Thời gian hẹn trả kết quả giải quyết hồ sơ", Time(d.DueAt)))
            .Append("<p class=\"small\">Cách tính ngày hẹn:</p><ul class=\"small\">")
            .AppendJoin("", d.DueExplanationLines.Select(line => $"<li>{E(line)}</li>"))
            .Append("</ul>")
            .Append(Line("6. Nhận kết quả tại", $"Bộ phận Một cửa, {unit?.Name ?? d.ReceivingUnit}" + (unit?.Address is { } address ? $", {address}" : "")))
            .Append(Line("7. Tra cứu tình trạng hồ sơ", statusUrl))
            .Append(secret is null
                ? "<p>Mã tra cứu hồ sơ được in trên Giấy tiếp nhận bản gốc giao cho người nộp khi tiếp nhận hồ sơ.</p>"
                : Line("Mã tra cứu", secret))
            .Append(Signatures("Người nộp hồ sơ", d.Applicant.FullName, "Người tiếp nhận hồ sơ", Official(receivedBy.Official)));
        return FormPage.Render(Title, paper.Header(d.ReceivingUnit, d.ReceivedAt!.Value), body.ToString(), "Mẫu số 01");
    }

    private static void EnsureApplicable(DossierPaper paper)
    {
        if (paper.State.ReceivedAt is null)
        {
            throw paper.NotApplicable("giấy tiếp nhận hồ sơ và hẹn trả kết quả", $"hồ sơ chưa được tiếp nhận (trạng thái «{paper.View.StatusText}»).");
        }
    }
}
