using Onestop.Catalogue.Domain;

namespace Onestop.Catalogue.Tests;

/// <summary>Realistic procedures for tests: birth registration as announced, and decisions dated in 2025.</summary>
public static class SampleProcedures
{
    public static AnnouncingDecision Decision(string number, int year, int month, int day) =>
        new(number, new DateOnly(year, month, day), "Chủ tịch UBND tỉnh", new DateOnly(year, month, day));

    public static ProcedureContent BirthRegistration(string fieldCode = "TP-HT") => new(
        Name: "Đăng ký khai sinh",
        FieldCode: fieldCode,
        Level: ImplementingLevel.Commune,
        Agency: "UBND cấp xã",
        Steps: ["Nộp hồ sơ tại Bộ phận Một cửa hoặc trực tuyến", "Công chức tư pháp - hộ tịch kiểm tra", "Chủ tịch UBND cấp xã ký Giấy khai sinh"],
        Channels: [Channel.Direct, Channel.Online, Channel.Post],
        Components:
        [
            new ComponentSpec("TK", "Tờ khai đăng ký khai sinh", 1, 0, Required: true, FormName: "Mẫu tờ khai"),
            new ComponentSpec("GCS", "Giấy chứng sinh", 1, 0, Required: true),
            new ComponentSpec("UQ", "Văn bản ủy quyền", 1, 0, Required: false, Condition: "Khi người đi đăng ký là người được ủy quyền"),
        ],
        ProcessingTime: new ProcessingTime(0, SameDay: true, CutOffHour: 15),
        Fees: [new Fee("Lệ phí đăng ký khai sinh", 0m, "Miễn lệ phí khi đăng ký đúng hạn")],
        Requirements: null,
        LegalBasis: ["Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP"],
        Result: "Giấy khai sinh",
        OnlineLevel: OnlineLevel.Full,
        ReceivableAnywhere: true);
}
