using System.Globalization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.FieldsAndUnits;
using Onestop.Catalogue.Features.Procedures;

namespace Onestop.Catalogue.Benchmarks;

/// <summary>A synthetic commune-level catalogue: the 16 fields of the Hà Huy Tập seed and N procedures with plausible names.</summary>
internal static class SampleCatalogue
{
    public const string BirthCode = "1.001193";

    public static readonly string[] Fields =
    [
        "Nội vụ", "Giáo dục - Đào tạo", "Nông nghiệp", "Thanh tra", "Văn hóa, thể thao và du lịch", "Lao động - thương binh và xã hội",
        "Tư pháp - Hộ tịch", "Tài nguyên và môi trường", "Tài chính", "Quốc phòng", "Giao thông vận tải", "Xây dựng", "Y tế",
        "Công thương", "Dân tộc", "Tôn giáo",
    ];

    private static readonly string[] Actions =
    [
        "Đăng ký", "Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh", "Gia hạn", "Xác nhận", "Công nhận", "Thay đổi", "Thu hồi", "Hỗ trợ", "Giải quyết",
    ];

    private static readonly string[] Objects =
    [
        "khai sinh", "kết hôn", "khai tử", "giám hộ", "nhận cha, mẹ, con", "thường trú", "hộ kinh doanh", "giấy phép xây dựng", "quyền sử dụng đất",
        "trợ cấp xã hội", "chế độ mai táng phí", "thẻ bảo hiểm y tế", "học bổng chính sách", "câu lạc bộ thể thao", "gia đình văn hóa",
        "sổ hộ nghèo", "tạm trú", "giấy phép kinh doanh rượu", "phương tiện thủy nội địa", "nhà ở riêng lẻ", "cơ sở tín ngưỡng", "người có công",
        "dân quân tự vệ", "trường mầm non tư thục", "khiếu nại lần đầu",
    ];

    private static readonly string[] Qualifiers =
    [
        "", "có yếu tố nước ngoài", "lưu động", "cho người khuyết tật", "lần đầu", "trong trường hợp bị mất", "cho trẻ em dưới 6 tuổi",
        "tại cấp xã", "kết hợp", "theo nhu cầu", "cho hộ gia đình", "đối với tổ chức", "đối với cá nhân", "có thời hạn", "ngoài giờ hành chính",
        "tại nơi cư trú",
    ];

    public static async Task SeedAsync(IServiceProvider services, int procedures)
    {
        var decision = new AnnouncingDecision("1291/QĐ-UBND", new DateOnly(2025, 6, 30), "Chủ tịch UBND tỉnh", new DateOnly(2025, 7, 1));
        for (var i = 0; i < Fields.Length; i++)
        {
            await SendAsync(services, new DefineField($"F{i + 1:00}", Fields[i], i + 1));
        }

        var names = (from o in Objects from a in Actions from q in Qualifiers select $"{a} {o}{(q.Length > 0 ? " " + q : "")}").ToList();
        names.Remove("Đăng ký khai sinh");
        names.Insert(0, "Đăng ký khai sinh");
        var codes = new List<string>();
        using var gate = new SemaphoreSlim(4);
        var tasks = Enumerable.Range(0, procedures).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var code = i == 0 ? BirthCode : string.Create(CultureInfo.InvariantCulture, $"{1 + i % 2}.{100000 + i * 7:000000}");
                var content = Content(names[i % names.Count] + (i >= names.Count ? $" (mẫu {i / names.Count})" : ""), $"F{1 + i % Fields.Length:00}", i);
                await SendAsync(services, new PublishProcedure(code, content, decision));
                lock (codes)
                {
                    codes.Add(code);
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        await SendAsync(services, new RegisterUnit("H27.01", "UBND phường Hà Huy Tập", UnitKind.Commune));
        await SendAsync(services, new AssignUnitProcedures("H27.01", codes.Order().Take(201).ToList()));
    }

    public static ProcedureContent Content(string name, string fieldCode, int i) => new(
        Name: name,
        FieldCode: fieldCode,
        Level: ImplementingLevel.Commune,
        Agency: "UBND cấp xã",
        Steps: ["Nộp hồ sơ tại Bộ phận Một cửa hoặc trực tuyến", "Công chức chuyên môn kiểm tra, trình ký", "Chủ tịch UBND cấp xã ký, trả kết quả"],
        Channels: [Channel.Direct, Channel.Online, Channel.Post],
        Components:
        [
            new ComponentSpec("TK", "Tờ khai theo mẫu", 1, 0, Required: true, FormName: "Mẫu tờ khai", FormUrl: "https://dichvucong.gov.vn/mau.docx"),
            new ComponentSpec("GT", "Giấy tờ tùy thân", 0, 1, Required: true),
            new ComponentSpec("UQ", "Văn bản ủy quyền", 1, 0, Required: false, Condition: "Khi nộp thay"),
        ],
        ProcessingTime: i % 3 == 0 ? new ProcessingTime(0, SameDay: true) : new ProcessingTime(1 + i % 15),
        Fees: [new Fee("Lệ phí", i % 4 * 10000m, "Miễn cho hộ nghèo, người có công")],
        Requirements: i % 2 == 0 ? "Người yêu cầu cư trú trên địa bàn" : null,
        LegalBasis: ["Luật Hộ tịch 2014", "Nghị định 118/2025/NĐ-CP"],
        Result: "Giấy chứng nhận",
        OnlineLevel: (OnlineLevel)(i % 3));

    /// <summary>Seeds as the platform itself: catalogue commands need a catalogue controller or a system caller.</summary>
    private static async Task SendAsync<T>(IServiceProvider services, IRequest<T> request)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<Onestop.Messaging.RequestContext>();
        (context.IsSystem, context.Actor) = (true, "system:benchmark-seed");
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
