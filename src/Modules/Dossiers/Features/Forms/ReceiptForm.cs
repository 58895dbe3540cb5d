using System.Text;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Intake;
using Onestop.Errors;
using static Onestop.Dossiers.Features.Forms.FormPage;

namespace Onestop.Dossiers.Features.Forms;

/// <summary>A labelled line of a form; without a label, a plain sentence.</summary>
internal sealed record FormLine(string? Label, string Text);

/// <summary>The receipt's content in the order it is printed: identification, components, appointment, where to collect and look up.</summary>
internal sealed record Receipt(
    FormHeader Header, string Code, IReadOnlyList<FormLine> Identification, IReadOnlyList<ReceivedComponent> Components,
    IReadOnlyList<FormLine> Appointment, IReadOnlyList<string> DueExplanation, IReadOnlyList<FormLine> Collection, string ApplicantName,
    string ReceivedBy);

/// <summary>
/// Mẫu 01, the receipt and appointment slip handed to the applicant. It prints the identity number in full (it is the
/// applicant's own paper) and a QR code of the public status page. The lookup secret is kept only hashed, so it is
/// printed only when the caller brings it (from the intake response) and it matches.
/// </summary>
internal static class ReceiptForm
{
    public const string Title = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả";
    public const string Number = "Mẫu số 01";

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

    public const string ComponentsHeading = "1. Thành phần hồ sơ đã nhận:";

    /// <summary>What the receipt says, whichever way it is printed (HTML or PDF).</summary>
    public static Receipt Compose(DossierPaper paper, string? secret, string statusUrl)
    {
        EnsureApplicable(paper);
        var d = paper.State;
        var receivedBy = paper.Latest<DossierReceived>()?.Event.By ?? paper.Latest<OnlineDossierAccepted>()!.Value.Event.By;
        var unit = paper.Units.GetValueOrDefault(d.ReceivingUnit);
        var time = d.Procedure.ProcessingTime;
        var applicant = d.Applicant;
        FormLine?[] identification =
        [
            new("Mã hồ sơ", d.Code), new("Tiếp nhận hồ sơ của", applicant.FullName),
            applicant.OrganizationName is { } organization ? new("Tổ chức", organization) : null,
            applicant.IdentityNumber is { } identity ? new("Số định danh cá nhân", identity) : null,
            new("Địa chỉ", applicant.Address ?? ""), new("Số điện thoại", applicant.Phone ?? ""),
            applicant.Email is { } email ? new("Thư điện tử", email) : null,
            new("Nội dung yêu cầu giải quyết", $"{d.Procedure.Name} (mã thủ tục {d.Procedure.Code})"),
            new("Hình thức nộp", DossierTexts.Channel(d.Channel)),
        ];
        FormLine[] appointment =
        [
            new("2. Số lượng hồ sơ", "01 bộ"),
            new("3. Thời hạn giải quyết theo quy định", time.SameDay || time.WorkingDays == 0 ? "trong ngày" : $"{time.WorkingDays} ngày làm việc"),
            new("4. Thời gian nhận hồ sơ", Time(d.ReceivedAt)),
            new("5. Thời gian hẹn trả kết quả giải quyết hồ sơ", Time(d.DueAt)),
        ];
        FormLine[] collection =
        [
            new("6. Nhận kết quả tại", $"Bộ phận Một cửa, {unit?.Name ?? d.ReceivingUnit}" + (unit?.Address is { } address ? $", {address}" : "")),
            new("7. Tra cứu tình trạng hồ sơ", statusUrl),
            secret is null
                ? new(null, "Mã tra cứu hồ sơ được in trên Giấy tiếp nhận bản gốc giao cho người nộp khi tiếp nhận hồ sơ.")
                : new("Mã tra cứu", secret),
        ];
        return new Receipt(paper.Header(d.ReceivingUnit, d.ReceivedAt!.Value), d.Code, [.. identification.OfType<FormLine>()], d.Components,
            appointment, d.DueExplanationLines, collection, applicant.FullName, Official(receivedBy.Official));
    }

    public static byte[] Html(Receipt receipt, string qrSvg)
    {
        var body = new StringBuilder(4096)
            .Append($"<div class=\"qr\">{qrSvg}<div>Quét mã để tra cứu hồ sơ</div></div>")
            .AppendJoin("", receipt.Identification.Select(Paragraph))
            .Append($"<p class=\"label\">{E(ComponentsHeading)}</p>")
            .Append("<table class=\"grid\"><tr><th>TT</th><th>Tên giấy tờ</th><th>Bản chính</th><th>Bản sao</th></tr>")
            .AppendJoin("", receipt.Components.Select((c, i) =>
                $"<tr><td class=\"n\">{i + 1}</td><td>{E(c.Name)}</td><td class=\"n\">{c.Originals}</td><td class=\"n\">{c.Copies}</td></tr>"))
            .Append("</table>")
            .AppendJoin("", receipt.Appointment.Select(Paragraph))
            .Append("<p class=\"small\">Cách tính ngày hẹn:</p><ul class=\"small\">")
            .AppendJoin("", receipt.DueExplanation.Select(line => $"<li>{E(line)}</li>"))
            .Append("</ul>")
            .AppendJoin("", receipt.Collection.Select(Paragraph))
            .Append(Signatures("Người nộp hồ sơ", receipt.ApplicantName, "Người tiếp nhận hồ sơ", receipt.ReceivedBy));
        return Render(Title, receipt.Header, body.ToString(), Number);
    }

    private static string Paragraph(FormLine line) => line.Label is null ? $"<p>{E(line.Text)}</p>" : Line(line.Label, line.Text);

    private static void EnsureApplicable(DossierPaper paper)
    {
        if (paper.State.ReceivedAt is null)
        {
            throw paper.NotApplicable("giấy tiếp nhận hồ sơ và hẹn trả kết quả", $"hồ sơ chưa được tiếp nhận (trạng thái «{paper.View.StatusText}»).");
        }
    }
}
