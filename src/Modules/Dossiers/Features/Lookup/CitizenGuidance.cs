using System.Globalization;
using Onestop.Dossiers.Domain;

namespace Onestop.Dossiers.Features.Lookup;

/// <summary>What the citizen must do next, in plain Vietnamese, for each state of their dossier.</summary>
internal static class CitizenGuidance
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string NextStep(Dossier d, string unitName)
    {
        var step = d.Status switch
        {
            DossierStatus.SubmittedOnline =>
                "Hồ sơ nộp trực tuyến đang chờ cán bộ một cửa kiểm tra, tiếp nhận. Ông/bà chưa cần làm gì thêm; khi hồ sơ được tiếp nhận, thời hạn giải quyết bắt đầu tính.",
            DossierStatus.AwaitingSupplement =>
                $"Ông/bà cần bổ sung, hoàn thiện hồ sơ: {string.Join("; ", d.MissingComponents ?? [])}. Nộp bổ sung tại {unitName} hoặc trên Cổng dịch vụ công; thời hạn giải quyết tạm dừng cho đến khi nhận đủ.",
            DossierStatus.AwaitingPayment =>
                $"Ông/bà cần thực hiện nghĩa vụ tài chính: nộp {Money(d.Outstanding)} đồng ({string.Join("; ", d.ObligationList.Select(o => o.Description))}) tại {unitName} hoặc thanh toán trực tuyến. Thời hạn giải quyết tạm dừng cho đến khi nộp đủ.",
            DossierStatus.ResultReady when d.Outstanding > 0 =>
                $"Kết quả đã có. Ông/bà nộp {Money(d.Outstanding)} đồng còn thiếu và mang theo giấy tiếp nhận hồ sơ đến {unitName} để nhận kết quả.",
            DossierStatus.ResultReady => $"Kết quả đã có. Mời ông/bà mang theo giấy tiếp nhận hồ sơ đến {unitName} để nhận kết quả.",
            DossierStatus.Returned when d.Rating is null => "Đã trả kết quả. Mời ông/bà đánh giá mức độ hài lòng với việc giải quyết hồ sơ.",
            DossierStatus.Returned => "Đã trả kết quả. Cảm ơn ông/bà đã đánh giá.",
            DossierStatus.Refused => $"Hồ sơ không được tiếp nhận. Lý do: {d.ClosingReason}",
            DossierStatus.Withdrawn => "Hồ sơ đã được rút theo đề nghị của ông/bà.",
            DossierStatus.Stopped => $"Hồ sơ đã dừng xử lý. Lý do: {d.ClosingReason}",
            _ => d.DueAt is { } due
                ? $"Hồ sơ đang được giải quyết; ông/bà không cần làm gì thêm. Hẹn trả kết quả: {When(d.AppointmentAt ?? due)}."
                : "Hồ sơ đang được giải quyết; ông/bà không cần làm gì thêm.",
        };
        return d.AppointmentAt is { } appointment && !d.IsClosed && d.Status != DossierStatus.ResultReady
            ? $"Cơ quan giải quyết xin lỗi vì hồ sơ bị chậm; ngày hẹn trả kết quả mới là {When(appointment)}. {step}"
            : step;
    }

    private static string Money(decimal amount) => amount.ToString("#,0", Vietnamese);

    /// <summary>An instant as citizens read it: "17:00 ngày 26/02/2026", Vietnam time.</summary>
    public static string When(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Catalogue.Domain.VietnamTime.Zone).ToString("HH:mm 'ngày' dd/MM/yyyy", Vietnamese);
}
