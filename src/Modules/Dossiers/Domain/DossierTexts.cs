namespace Onestop.Dossiers.Domain;

/// <summary>The Vietnamese words citizens and officials read for states, channels and history entries.</summary>
public static class DossierTexts
{
    public static string Status(DossierStatus status) => status switch
    {
        DossierStatus.SubmittedOnline => "Mới đăng ký (nộp trực tuyến, chờ tiếp nhận)",
        DossierStatus.Received => "Đã tiếp nhận",
        DossierStatus.InProcessing => "Đang xử lý",
        DossierStatus.AwaitingSupplement => "Chờ bổ sung hồ sơ",
        DossierStatus.AwaitingPayment => "Chờ thực hiện nghĩa vụ tài chính",
        DossierStatus.AwaitingApproval => "Chờ lãnh đạo phê duyệt",
        DossierStatus.Decided => "Đã có quyết định giải quyết",
        DossierStatus.ResultReady => "Đã xử lý xong, chờ trả kết quả",
        DossierStatus.Returned => "Đã trả kết quả",
        DossierStatus.Refused => "Từ chối tiếp nhận",
        DossierStatus.Withdrawn => "Đã rút hồ sơ",
        _ => "Dừng xử lý",
    };

    public static string Channel(IntakeChannel channel) => channel switch
    {
        IntakeChannel.Direct => "Trực tiếp",
        IntakeChannel.Online => "Trực tuyến",
        _ => "Bưu chính",
    };

    public static string Method(ReturnMethod method) => method switch
    {
        ReturnMethod.Desk => "tại Bộ phận Một cửa",
        ReturnMethod.Post => "qua dịch vụ bưu chính",
        _ => "bản điện tử",
    };

    /// <summary>One line of the history, in plain Vietnamese.</summary>
    public static string Describe(object e) => e switch
    {
        DossierSubmittedOnline s => $"Nộp hồ sơ trực tuyến (mã tham chiếu của cổng: {s.PortalReference}).",
        DossierReceived r => $"Tiếp nhận hồ sơ ({Channel(r.Channel).ToLowerInvariant()}); hạn giải quyết {DossierClock.Moment(r.DueAt)}.",
        OnlineDossierAccepted a => $"Tiếp nhận hồ sơ nộp trực tuyến; hạn giải quyết {DossierClock.Moment(a.DueAt)}.",
        DossierRefused r => $"Từ chối tiếp nhận: {r.Reason}",
        SupplementRequested s => $"Yêu cầu bổ sung, hoàn thiện hồ sơ: {string.Join("; ", s.Missing)}.",
        SupplementReceived => "Đã nhận hồ sơ bổ sung.",
        DeadlineExtended d => $"Tiếp tục tính thời hạn; hạn giải quyết {DossierClock.Moment(d.DueAt)} (lùi {d.PausedWorkingDays} ngày làm việc).",
        DossierAssigned a => (a.InterAgency ? "Chuyển liên thông" : "Chuyển xử lý") + $" bước «{a.StepName}» đến đơn vị {a.Unit}"
            + (a.Assignee is null ? "" : $", người xử lý {a.Assignee}") + $"; hạn bước {DossierClock.Moment(a.StepDueAt)}.",
        FinancialObligationRequested f => $"Yêu cầu thực hiện nghĩa vụ tài chính: {f.Description}, {f.Amount:#,0} đồng.",
        FeePaid p => $"Đã nộp {p.Description}: {p.Amount:#,0} đồng ({p.Method}).",
        DossierProposed p => $"Trình lãnh đạo {(p.Outcome == DecisionOutcome.Approve ? "phê duyệt" : "từ chối giải quyết")}: {p.Summary}",
        DossierDecided d => (d.Outcome == DecisionOutcome.Approve ? "Lãnh đạo phê duyệt" : "Lãnh đạo từ chối giải quyết") + $": {d.Reasons}",
        ResultReady => "Đã có kết quả giải quyết, chuyển Bộ phận Một cửa để trả.",
        ResultReturned r => $"Đã trả kết quả {Method(r.Method)}.",
        DossierWithdrawn w => $"Rút hồ sơ theo đề nghị của người nộp: {w.Reason}",
        ProcessingStopped s => $"Dừng xử lý: {s.Reason}",
        ApologyIssued a => $"Xin lỗi và hẹn lại ngày trả kết quả: {DossierClock.Moment(a.NewAppointmentAt)}. Lý do: {a.Reason}",
        DossierRated r => $"Người nộp đánh giá mức độ hài lòng: {r.Score}/3.",
        LookupSecretReissued => "Cấp lại mã tra cứu hồ sơ.",
        _ => "",
    };
}
