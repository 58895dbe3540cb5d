namespace Onestop.Statistics.Features;

/// <summary>
/// The five groups of the index of Decision 766/QĐ-TTg (publicity 18, progress 20, digitisation 22, online service 22,
/// satisfaction 18 points) estimated from the platform's own rates: each group's maximum × the mean of the rates it
/// rests on. The Government Office scores a unit against the targets of Resolution 76/NQ-CP on the national portal;
/// this estimate is for watching the trend between its publications (docs/statistics.md). Publicity (the catalogue
/// published on time, dossiers synchronised to the national portal) is not in the dossiers' log, so it stays null.
/// </summary>
internal static class ServiceIndexEstimate
{
    public static ServiceIndex Of(decimal? onlineRate, decimal? onTimeRate, ServiceIndicators i)
    {
        ServiceIndexGroup[] groups =
        [
            new("cong-khai-minh-bach", "Công khai, minh bạch", 18, null,
                "Không tính được từ nhật ký hồ sơ: việc công khai thủ tục và đồng bộ lên Cổng Dịch vụ công quốc gia do Văn phòng Chính phủ chấm."),
            Group("tien-do-ket-qua", "Tiến độ, kết quả giải quyết", 20, "Tỷ lệ hồ sơ giải quyết đúng hạn.", onTimeRate),
            Group("so-hoa-ho-so", "Số hóa hồ sơ", 22, "Trung bình tỷ lệ thành phần hồ sơ được số hóa và tỷ lệ kết quả giải quyết được số hóa.",
                i.ComponentDigitisationRate, i.ResultDigitisationRate),
            Group("dich-vu-truc-tuyen", "Cung cấp dịch vụ trực tuyến", 22, "Trung bình tỷ lệ hồ sơ trực tuyến và tỷ lệ thanh toán trực tuyến.",
                onlineRate, i.OnlinePaymentRate),
            Group("muc-do-hai-long", "Mức độ hài lòng", 18, "Tỷ lệ đánh giá hài lòng hoặc rất hài lòng.", i.SatisfactionRate),
        ];
        var measured = groups.Where(g => g.Points is not null).ToList();
        return new ServiceIndex(groups, measured.Sum(g => g.Points!.Value), measured.Sum(g => g.MaxPoints));
    }

    /// <summary>The group's points from the mean of its rates that are known (percent); null when none is.</summary>
    private static ServiceIndexGroup Group(string code, string name, int maxPoints, string basis, params decimal?[] rates)
    {
        var known = rates.Where(r => r is not null).Select(r => r!.Value).ToList();
        decimal? points = known.Count == 0 ? null : decimal.Round(maxPoints * known.Average() / 100m, 2, MidpointRounding.AwayFromZero);
        return new ServiceIndexGroup(code, name, maxPoints, points, basis);
    }
}
