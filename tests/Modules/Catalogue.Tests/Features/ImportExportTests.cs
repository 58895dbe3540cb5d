using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Onestop.Catalogue.Tests.Features;

public sealed class ImportExportTests
{
    /// <summary>Every procedure named in the tables of seeds/001 (Đức Phổ, 2022), copied as written there.</summary>
    public static readonly string[] SeedProcedureNames =
    [
        "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh",
        "Chấm dứt hoạt động hộ kinh doanh",
        "Đăng ký thành lập hộ kinh doanh",
        "Đăng ký thay đổi nội dung biện pháp bảo đảm bằng quyền sử dụng đất, tài sản gắn liền với đất đã đăng ký",
        "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất (gồm trường hợp đăng ký thế chấp quyền sử dụng đất hoặc đăng ký thế chấp quyền sử dụng đất đồng thời với tài sản gắn liền với đất hoặc đăng ký thế chấp tài sản gắn liền với đất)",
        "Đăng ký thế chấp tài sản gắn liền với đất không phải là nhà ở mà tài sản đó đã hình thành nhưng chưa được chứng nhận quyền sở hữu trên Giấy chứng nhận",
        "Xóa đăng ký biện pháp bảo đảm bằng quyền sử dụng đất, tài sản gắn liền với đất",
        "Cấp bản sao Trích lục hộ tịch",
        "Cấp Giấy phép bán lẻ rượu",
        "Cấp Giấy phép bán lẻ sản phẩm thuốc lá",
        "Cấp giấy phép môi trường (Cấp huyện)",
        "Ghi vào sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài",
        "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        "Thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc",
        "Thông báo thay đổi nội dung đăng ký hợp tác xã",
        "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng",
        "Thủ tục cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực",
        "Thủ tục cấp bản sao từ sổ gốc",
        "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận",
        "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
        "Thủ tục cấp bản sao Trích lục hộ tịch",
        "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
        "Thủ tục đăng ký giám hộ",
        "Thủ tục đăng ký kết hôn",
        "Thủ tục đăng ký khai sinh",
        "Thủ tục đăng ký khai tử",
    ];

    [Fact]
    public async Task the_sample_catalogue_imports_with_16_fields_at_least_60_procedures_and_every_seed_procedure()
    {
        await using var host = await ImportHost.StartAsync();

        var summary = await host.ImportOkAsync(ImportHost.Sample());
        var export = JsonDocument.Parse(await host.ExportAsync()).RootElement;

        summary.GetProperty("proceduresCreated").GetInt32().ShouldBeGreaterThanOrEqualTo(60);
        export.GetProperty("fields").GetArrayLength().ShouldBe(16);
        var names = export.GetProperty("procedures").EnumerateArray()
            .Select(p => p.GetProperty("versions").EnumerateArray().Last().GetProperty("content").GetProperty("name").GetString()).ToHashSet();
        names.Count.ShouldBeGreaterThanOrEqualTo(60);
        SeedProcedureNames.Where(n => !names.Contains(n)).ShouldBeEmpty();
        (export.GetProperty("note").GetString() ?? "").ShouldContain("illustrative");
    }

    [Fact]
    public async Task exporting_and_importing_into_a_fresh_database_gives_the_same_export()
    {
        await using var first = await ImportHost.StartAsync();
        await first.ImportOkAsync(ImportHost.Sample());
        var exported = await first.ExportAsync();

        await using var second = await ImportHost.StartAsync();
        await second.ImportOkAsync(JsonNode.Parse(exported)!);

        (await second.ExportAsync()).ShouldBe(exported);
    }

    [Fact]
    public async Task re_importing_the_same_file_appends_no_event_and_reports_everything_unchanged()
    {
        await using var host = await ImportHost.StartAsync();
        await host.ImportOkAsync(ImportHost.Sample());
        var before = await host.CountAsync();

        var summary = await host.ImportOkAsync(ImportHost.Sample());

        (await host.CountAsync()).ShouldBe(before);
        summary.GetProperty("eventsAppended").GetInt32().ShouldBe(0);
        summary.GetProperty("proceduresUnchanged").GetInt32().ShouldBe(ImportHost.Sample()["procedures"]!.AsArray().Count);
    }

    [Fact]
    public async Task a_changed_procedure_in_a_re_import_becomes_version_2_with_its_decision()
    {
        await using var host = await ImportHost.StartAsync();
        await host.ImportOkAsync(ImportHost.Sample());
        var file = ImportHost.Sample();
        var version = file["procedures"]!.AsArray().Single(p => (string?)p!["code"] == "1.001193")!["versions"]!.AsArray()[0]!;
        version["content"]!["processingTime"]!["workingDays"] = 2;
        version["content"]!["processingTime"]!["sameDay"] = false;
        version["decision"] = JsonNode.Parse("""{"number":"2000/QĐ-UBND","signedOn":"2025-07-01","issuer":"Chủ tịch UBND tỉnh Quảng Ngãi","effectiveFrom":"2025-07-01"}""");

        var summary = await host.ImportOkAsync(file);
        var procedure = JsonDocument.Parse(await host.Client.GetStringAsync("/api/catalogue/procedures/1.001193?asOf=2025-07-01")).RootElement;

        summary.GetProperty("proceduresAmended").GetInt32().ShouldBe(1);
        summary.GetProperty("eventsAppended").GetInt32().ShouldBe(1);
        procedure.GetProperty("version").GetInt32().ShouldBe(2);
        procedure.GetProperty("content").GetProperty("processingTime").GetProperty("workingDays").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task a_file_with_several_bad_rows_reports_each_row_and_field_and_commits_nothing()
    {
        await using var host = await ImportHost.StartAsync();
        var file = ImportHost.Sample();
        var procedures = file["procedures"]!.AsArray();
        procedures[3]!["versions"]![0]!["content"]!["processingTime"]!["workingDays"] = -3;
        procedures[5]!["versions"]![0]!["content"]!["fieldCode"] = "KHONG-CO";
        procedures.Add(procedures[0]!.DeepClone());
        var amended = procedures[9]!["versions"]!.AsArray();
        var earlier = amended[0]!.DeepClone();
        earlier["decision"]!["signedOn"] = "2020-01-01";
        earlier["decision"]!["effectiveFrom"] = "2020-01-01";
        earlier["content"]!["result"] = "Khác";
        amended.Add(earlier);
        file["units"]![3]!["procedures"]!.AsArray().Add("KHONG-CO-THU-TUC");
        file["fields"]!.AsArray().Add(null);
        var before = await host.CountAsync();

        using var response = await host.ImportAsync(file);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var fields = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).ToList();
        fields.ShouldBe(
            [
                "fields[16]",
                "units[3].procedures[" + (file["units"]![3]!["procedures"]!.AsArray().Count - 1) + "]",
                "procedures[3].versions[0].content.processingTime.workingDays",
                "procedures[3].versions[0].content.processingTime",
                "procedures[5].versions[0].content.fieldCode",
                $"procedures[{procedures.Count - 1}].code",
                "procedures[9].versions[1].decision.effectiveFrom",
            ],
            ignoreOrder: true);
        (await host.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task the_csv_export_has_a_bom_rfc_4180_quoting_and_the_vietnamese_text_intact()
    {
        await using var host = await ImportHost.StartAsync();
        await host.ImportOkAsync(ImportHost.Sample());

        var bytes = await host.Client.GetByteArrayAsync("/api/catalogue/export/procedures.csv");
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var lines = text.Split("\r\n");

        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        lines[0].ShouldStartWith("code,version,name,fieldCode");
        lines.ShouldContain(l => l.StartsWith("1.001193,1,Thủ tục đăng ký khai sinh,TP-HT,commune,UBND cấp xã,"));
        lines.ShouldContain(l => l.StartsWith(
            "QNG-TN-001,1,\"Đăng ký thay đổi nội dung biện pháp bảo đảm bằng quyền sử dụng đất, tài sản gắn liền với đất đã đăng ký\",TN-MT,"));
        (await host.Client.GetStringAsync("/api/catalogue/export/fields.csv")).ShouldContain("\r\nLD-TB-XH,Lao động – Thương binh và Xã hội,6\r\n");
    }

    [Fact]
    public async Task a_quote_in_a_name_is_doubled_inside_a_quoted_csv_value()
    {
        await using var host = await ImportHost.StartAsync();
        var file = ImportHost.Sample();
        file["fields"]![0]!["name"] = "Nội vụ \"cấp xã\", thử";
        await host.ImportOkAsync(file);

        var csv = await host.Client.GetStringAsync("/api/catalogue/export/fields.csv");

        csv.ShouldContain("\r\nNV,\"Nội vụ \"\"cấp xã\"\", thử\",1\r\n");
    }

    [Fact]
    public async Task an_unknown_csv_part_is_not_found()
    {
        await using var host = await ImportHost.StartAsync();

        using var response = await host.Client.GetAsync("/api/catalogue/export/dossiers.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
