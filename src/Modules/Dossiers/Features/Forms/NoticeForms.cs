using System.Text;
using Onestop.Dossiers.Domain;
using static Onestop.Dossiers.Features.Forms.FormPage;

namespace Onestop.Dossiers.Features.Forms;

/// <summary>
/// The notices sent to the applicant when the dossier cannot go on as receipted: Mẫu 02 (supplement request), 03
/// (refusal), 04 (apology with a new date) and 05 (processing stopped). Each prints the event it stems from, so a dossier without that event
/// in its history has no such form (409). The unit that acted is the one that issues and heads the notice.
/// </summary>
internal static class NoticeForms
{
    public static byte[] SupplementRequest(DossierPaper paper)
    {
        const string title = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ";
        var (request, _) = paper.Latest<SupplementRequested>() ?? throw paper.NotApplicable(title.ToLowerInvariant(), "hồ sơ chưa từng được yêu cầu bổ sung.");
        var d = paper.State;
        var unit = request.By.Unit ?? d.ReceivingUnit;
        var body = new StringBuilder(2048)
            .Append(Identification(paper))
            .Append($"<p>Sau khi xem xét, {E(paper.UnitName(unit))} đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:</p><ol>")
            .AppendJoin("", request.Missing.Select(item => $"<li>{E(item)}</li>"))
            .Append("</ol>")
            .Append(request.Note is { Length: > 0 } note ? Line("Ghi chú", note) : "")
            .Append(d.ReceivedAt is { } received && received <= request.At
                ? "<p>Thời gian bổ sung, hoàn thiện hồ sơ không tính vào thời hạn giải quyết: ngày hẹn trả kết quả lùi tương ứng khi nhận đủ hồ sơ.</p>"
                : "")
            .Append($"<p>Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ cán bộ {E(Official(request.By.Official))} ")
            .Append($"({E(paper.UnitName(unit))}) để được hướng dẫn.</p><p>Xin trân trọng cảm ơn!</p>")
            .Append(Signatures("Người nộp hồ sơ", d.Applicant.FullName, "Người hướng dẫn", Official(request.By.Official)));
        return Render(title, paper.Header(unit, request.At), body.ToString(), "Mẫu số 02");
    }

    /// <summary>A refusal to receive an online dossier, or a leader's decision to reject a received one (từ chối giải quyết).</summary>
    public static byte[] Refusal(DossierPaper paper)
    {
        const string title = "Phiếu từ chối tiếp nhận, giải quyết hồ sơ";
        var d = paper.State;
        var (what, reason, at, by, document) = paper.Latest<DossierRefused>() is ({ } refused, _)
            ? ("tiếp nhận", refused.Reason, refused.At, refused.By, null)
            : paper.Latest<DossierDecided>() is ({ Outcome: DecisionOutcome.Reject } rejected, _)
                ? ("giải quyết", rejected.Reasons, rejected.At, rejected.By, rejected.DocumentNumber)
                : throw paper.NotApplicable(title.ToLowerInvariant(),
                    $"hồ sơ không bị từ chối tiếp nhận hay từ chối giải quyết (trạng thái «{paper.View.StatusText}»).");
        var unit = by.Unit ?? d.ReceivingUnit;
        var body = new StringBuilder(2048)
            .Append(Identification(paper))
            .Append($"<p>Qua xem xét, {E(paper.UnitName(unit))} thông báo không {what} hồ sơ này với lý do cụ thể như sau:</p>")
            .Append($"<p><b>{E(reason)}</b></p>")
            .Append(document is null ? "" : Line("Văn bản số", document))
            .Append("<p>Xin thông báo cho Ông/Bà được biết và thực hiện./.</p>")
            .Append(Signatures("Người nộp hồ sơ", d.Applicant.FullName, "Người lập phiếu", Official(by.Official)));
        return Render(title, paper.Header(unit, at), body.ToString(), "Mẫu số 03");
    }

    /// <summary>The appointment the apology replaces is the one in force just before it: the receipt's, or an earlier apology's.</summary>
    public static byte[] Apology(DossierPaper paper)
    {
        const string title = "Phiếu xin lỗi và hẹn lại ngày trả kết quả";
        var (apology, version) = paper.Latest<ApologyIssued>() ?? throw paper.NotApplicable(title.ToLowerInvariant(), "hồ sơ chưa có phiếu xin lỗi, hẹn lại ngày trả kết quả.");
        var d = paper.State;
        var before = paper.Before(version);
        var unit = apology.By.Unit ?? d.ReceivingUnit;
        var unitName = E(paper.UnitName(unit));
        var body = new StringBuilder(2048)
            .Append(Line("Kính gửi", d.Applicant.FullName))
            .Append($"<p>Ngày {E(Time(d.ReceivedAt))}, {E(paper.UnitName(d.ReceivingUnit))} tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ <b>{E(d.Code)}</b>, ")
            .Append($"đề nghị giải quyết thủ tục {E(d.Procedure.Name)} (mã thủ tục {E(d.Procedure.Code)}).</p>")
            .Append(Line("Thời gian hẹn trả kết quả", Time(before.AppointmentAt ?? before.DueAt)))
            .Append($"<p>Tuy nhiên đến nay, {unitName} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà. Lý do: {E(apology.Reason)}</p>")
            .Append($"<p>Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà. {unitName} xin lỗi Ông/Bà và hẹn trả kết quả giải quyết hồ sơ vào:</p>")
            .Append(Line("Thời gian hẹn trả kết quả mới", Time(apology.NewAppointmentAt)))
            .Append("<p>Xin trân trọng cảm ơn!</p>")
            .Append(Signatures("Người lập phiếu", Official(apology.By.Official), "Thủ trưởng cơ quan, đơn vị", null));
        return Render(title, paper.Header(unit, apology.At), body.ToString(), "Mẫu số 04");
    }

    /// <summary>Processing stopped (dừng xử lý) by the agency, or the dossier withdrawn at the applicant's request.</summary>
    public static byte[] StopNotice(DossierPaper paper)
    {
        const string title = "Thông báo về việc dừng giải quyết hồ sơ";
        var d = paper.State;
        var (what, reason, at, by) = paper.Latest<ProcessingStopped>() is ({ } stopped, _)
            ? ("dừng giải quyết hồ sơ", stopped.Reason, stopped.At, stopped.By)
            : paper.Latest<DossierWithdrawn>() is ({ } withdrawn, _)
                ? ("dừng giải quyết hồ sơ theo đề nghị rút hồ sơ của Ông/Bà", withdrawn.Reason, withdrawn.At, withdrawn.By)
                : throw paper.NotApplicable(title.ToLowerInvariant(),
                    $"hồ sơ không bị dừng xử lý hay rút (trạng thái «{paper.View.StatusText}»).");
        var unit = by.Unit ?? d.HandlingUnit;
        var body = new StringBuilder(2048)
            .Append(Identification(paper))
            .Append($"<p>{E(paper.UnitName(unit))} thông báo {what} kể từ {E(Time(at))}.</p>")
            .Append($"<p>Lý do: <b>{E(reason)}</b></p>")
            .Append("<p>Thời gian đã giải quyết không được tính lại; nếu Ông/Bà tiếp tục có nhu cầu, đề nghị nộp hồ sơ mới theo quy định.</p>")
            .Append("<p>Xin thông báo cho Ông/Bà được biết./.</p>")
            .Append(Signatures("Người nộp hồ sơ", d.Applicant.FullName, "Người lập phiếu", Official(by.Official)));
        return Render(title, paper.Header(unit, at), body.ToString(), "Mẫu số 05");
    }

    /// <summary>Who filed what, as the notices name the dossier they are about.</summary>
    private static string Identification(DossierPaper paper)
    {
        var d = paper.State;
        return Line("Mã hồ sơ", d.Code) + Line("Hồ sơ của", d.Applicant.FullName)
            + Line("Nội dung yêu cầu giải quyết", $"{d.Procedure.Name} (mã thủ tục {d.Procedure.Code})")
            + (d.ReceivedAt is { } received ? Line("Ngày tiếp nhận", Time(received)) : Line("Ngày nộp trực tuyến", Time(d.SubmittedAt)));
    }
}
