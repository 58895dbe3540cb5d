using System.Text;
using Onestop.Dossiers.Domain;
using static Onestop.Dossiers.Features.Forms.FormPage;

namespace Onestop.Dossiers.Features.Forms;

/// <summary>
/// Mẫu 06, the process-control slip that travels with the dossier: one row per step, naming who handed it over and
/// who took it, at which unit, when it started, when it was due and when it ended, and whether that step was on time,
/// so lateness is pinned on the step (and unit) that caused it. Timeliness is the detail view's, judged on read.
/// </summary>
internal static class ProcessControlForm
{
    private sealed record HandOver(string From, string To, string? Note);

    public static byte[] Render(DossierPaper paper, DateTimeOffset now)
    {
        const string title = "Phiếu kiểm soát quá trình giải quyết hồ sơ";
        var d = paper.State;
        var steps = paper.View.Timeliness.Steps;
        if (steps.Count == 0)
        {
            throw paper.NotApplicable(title.ToLowerInvariant(), $"hồ sơ chưa được tiếp nhận nên chưa có bước xử lý nào (trạng thái «{paper.View.StatusText}»).");
        }

        var handOvers = HandOvers(paper);
        var partners = steps.Select(s => s.Unit).Where(u => u != d.ReceivingUnit).Distinct().Select(paper.UnitName).ToList();
        var body = new StringBuilder(4096)
            .Append(Line("Kèm theo hồ sơ của", d.Applicant.FullName))
            .Append(Line("Mã hồ sơ", d.Code))
            .Append(Line("Thủ tục", $"{d.Procedure.Name} (mã thủ tục {d.Procedure.Code})"))
            .Append(Line("Ngày tiếp nhận", Time(d.ReceivedAt)))
            .Append(Line("Hạn giải quyết", Time(d.DueAt)))
            .Append(Line("Cơ quan tiếp nhận hồ sơ", paper.UnitName(d.ReceivingUnit)))
            .Append(Line("Cơ quan phối hợp giải quyết (liên thông)", partners.Count == 0 ? "không" : string.Join("; ", partners)))
            .Append("<table class=\"grid\"><tr><th>TT</th><th>Bước xử lý</th><th>Bên giao</th><th>Bên nhận</th><th>Thời điểm nhận</th>")
            .Append("<th>Hạn xử lý</th><th>Hoàn thành</th><th>Kết quả</th><th>Ghi chú</th></tr>");
        foreach (var step in steps)
        {
            var handOver = handOvers.GetValueOrDefault(step.Number) ?? new HandOver("", "", null);
            body.Append($"<tr><td class=\"n\">{step.Number}</td><td>{E(step.Name)}</td><td>{E(handOver.From)}</td>")
                .Append($"<td>{E(handOver.To)}<br>{E(paper.UnitName(step.Unit))}</td><td>{E(Time(step.StartedAt))}</td><td>{E(Time(step.DueAt))}</td>")
                .Append($"<td>{E(Time(step.CompletedAt))}</td><td>{E(step.StatusText)}</td><td>{E(handOver.Note)}</td></tr>");
        }

        body.Append("</table>")
            .Append(Line("Kết quả giải quyết", paper.View.Timeliness.Summary))
            .Append(d.Return is { } returned ? Line("Đã trả kết quả", $"{Time(returned.At)}, {DossierTexts.Method(returned.Method)}") : "")
            .Append(Signatures("Người lập phiếu", null, "Thủ trưởng cơ quan, đơn vị", null));
        return FormPage.Render(title, paper.Header(d.ReceivingUnit, now), body.ToString(), "Mẫu số 06", wide: true);
    }

    /// <summary>Who handed each step over and to whom, from the events that opened the steps.</summary>
    private static Dictionary<int, HandOver> HandOvers(DossierPaper paper)
    {
        var d = paper.State;
        var result = new Dictionary<int, HandOver>();
        foreach (var e in paper.Events.Select(e => e.Data))
        {
            switch (e)
            {
                case DossierReceived r:
                    result[1] = new HandOver($"Người nộp hồ sơ {d.Applicant.FullName} ({DossierTexts.Channel(r.Channel).ToLowerInvariant()})", Official(r.By.Official), null);
                    break;
                case OnlineDossierAccepted a:
                    result[1] = new HandOver($"Người nộp hồ sơ {d.Applicant.FullName} (trực tuyến)", Official(a.By.Official), null);
                    break;
                case DossierAssigned a:
                    result[a.StepNumber] = new HandOver(By(paper, a.By), a.Assignee ?? "", a.InterAgency ? Join("Liên thông", a.Note) : a.Note);
                    break;
                case DossierProposed p:
                    result[result.Keys.DefaultIfEmpty(0).Max() + 1] = new HandOver(By(paper, p.By), "Lãnh đạo", p.Summary);
                    break;
            }
        }

        return result;
    }

    private static string By(DossierPaper paper, ActedBy by) =>
        by.Unit is { } unit ? $"{Official(by.Official)}, {paper.UnitName(unit)}" : Official(by.Official);

    private static string? Join(string first, string? second) => string.IsNullOrEmpty(second) ? first : $"{first}: {second}";
}
