using System.Text;

namespace Onestop.Dossiers.Features.Lookup;

/// <summary>The public status page (tra cứu hồ sơ): server-rendered, no scripts, every datum HTML-encoded, readable on a phone.</summary>
internal static class StatusPage
{
    private const string Style = """
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a}
        header{background:#a31d1d;color:#fff;padding:.6rem 1rem;font-weight:600}main{max-width:40rem;margin:0 auto;padding:1rem}
        h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.4rem;border-bottom:1px solid #ddd}label{display:block;margin-top:.6rem}
        input{font-size:1.05rem;padding:.5rem;width:100%}button{margin-top:.8rem;font-size:1rem;padding:.6rem 1rem}
        .error{background:#fdecea;border-left:4px solid #c62828;padding:.6rem}.next{background:#e8f4ea;border-left:4px solid #2e7d32;padding:.6rem}
        .status{font-size:1.15rem;font-weight:600}dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem .8rem}dt{color:#555}
        ol{padding-left:1.2rem}li{margin:.3rem 0}.muted{color:#555;font-size:.9rem}
        """;

    public static string Form(string? code, string? error)
    {
        var body = new StringBuilder();
        if (error is not null)
        {
            body.Append($"""<p class="error" role="alert">{E(error)}</p>""");
        }

        body.Append($"""
            <form method="post" action="{StatusPermalinks.PagePath}">
            <label for="ma">Mã hồ sơ</label><input id="ma" name="ma" value="{E(code)}" autocomplete="off" required maxlength="64">
            <label for="k">Mã tra cứu (8 ký tự, in trên giấy tiếp nhận hồ sơ)</label><input id="k" name="k" autocomplete="off" required maxlength="16">
            <button type="submit">Tra cứu</button></form>
            <p class="muted">Quét mã QR trên giấy tiếp nhận hồ sơ để mở trang này với mã hồ sơ và mã tra cứu đã điền sẵn.</p>
            """);
        return Page("Tra cứu tình trạng hồ sơ", body.ToString());
    }

    public static string Status(DossierStatusForCitizen s)
    {
        var body = new StringBuilder();
        body.Append($"""<p class="status">{E(s.StatusText)}</p><p class="next"><strong>Việc cần làm:</strong> {E(s.NextStep)}</p><dl>""");
        Row(body, "Mã hồ sơ", s.Code);
        Row(body, "Thủ tục", s.ProcedureName);
        Row(body, "Người nộp", s.ApplicantName);
        Row(body, "Nơi tiếp nhận", s.ReceivingUnitAddress is null ? s.ReceivingUnitName : $"{s.ReceivingUnitName}, {s.ReceivingUnitAddress}");
        Row(body, "Ngày nộp", When(s.SubmittedAt));
        Row(body, "Ngày tiếp nhận", s.ReceivedAt is { } received ? When(received) : null);
        Row(body, "Hẹn trả kết quả", s.DueAt is { } due ? When(due) : null);
        Row(body, "Hẹn lại", s.AppointmentAt is { } appointment ? When(appointment) : null);
        Row(body, "Tiến độ", s.Timeliness);
        body.Append("</dl>");
        if (s.DueExplanation.Count > 0)
        {
            body.Append("<h2>Vì sao hẹn ngày này</h2><ul>");
            body.Append(string.Concat(s.DueExplanation.Select(line => $"<li>{E(line)}</li>")));
            body.Append("</ul>");
        }

        body.Append("<h2>Quá trình giải quyết</h2><ol>");
        body.Append(string.Concat(s.History.Select(h => $"<li><span class=\"muted\">{E(When(h.At))}</span> — {E(h.Description)}</li>")));
        body.Append("</ol>");
        return Page($"Hồ sơ {s.Code}", body.ToString());
    }

    private static void Row(StringBuilder body, string term, string? value)
    {
        if (value is not null)
        {
            body.Append($"<dt>{E(term)}</dt><dd>{E(value)}</dd>");
        }
    }

    private static string Page(string title, string body) => $"""
        <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{E(title)}</title><style>{Style}</style></head>
        <body><header>Tra cứu hồ sơ thủ tục hành chính</header><main><h1>{E(title)}</h1>{body}</main></body></html>
        """;

    private static string When(DateTimeOffset at) => CitizenGuidance.When(at);

    private static string E(string? text) => Forms.FormPage.E(text);
}
