using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using QRCoder;
using Shouldly;
using Xunit;
using static Onestop.Catalogue.Tests.Features.SearchTestCatalogue;

namespace Onestop.Catalogue.Tests.Features;

public sealed class QrCodeTests(SearchCatalogueHost host) : IClassFixture<SearchCatalogueHost>
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly HttpClient client = host.Factory.CreateClient();

    [Fact]
    public async Task a_procedure_png_is_a_png_no_wider_than_the_requested_size_and_cacheable()
    {
        using var response = await client.GetAsync($"/qr/thu-tuc/{BirthCode}.png?size=300");
        var png = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        response.Headers.CacheControl!.Public.ShouldBeTrue();
        png.Take(8).ShouldBe(PngSignature);
        var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        height.ShouldBe(width);
        width.ShouldBeInRange(151, 300);
    }

    [Fact]
    public async Task the_png_encodes_the_absolute_permalink_of_the_page()
    {
        var png = await client.GetByteArrayAsync($"/qr/thu-tuc/{BirthCode}.png?size=300");

        // QRCoder has no decoder: the same permalink through the same generator must give the very same image.
        var data = QRCodeGenerator.GenerateQrCode($"http://localhost/thu-tuc/{BirthCode}", QRCodeGenerator.ECCLevel.Q);
        png.ShouldBe(new PngByteQRCode(data).GetGraphic(300 / data.ModuleMatrix.Count, drawQuietZones: true));
    }

    [Fact]
    public async Task a_configured_public_base_url_is_what_the_code_encodes()
    {
        using var configured = host.Factory.WithWebHostBuilder(b => b.UseSetting("Catalogue:PublicBaseUrl", "https://hahuytap.example.gov.vn/"));
        var png = await configured.CreateClient().GetByteArrayAsync($"/qr/linh-vuc/{JusticeSlug}.png");

        var data = QRCodeGenerator.GenerateQrCode($"https://hahuytap.example.gov.vn/thu-tuc/linh-vuc/{JusticeSlug}", QRCodeGenerator.ECCLevel.Q);
        png.ShouldBe(new PngByteQRCode(data).GetGraphic(320 / data.ModuleMatrix.Count, drawQuietZones: true));
    }

    [Fact]
    public async Task different_pages_give_different_codes()
    {
        var birth = await client.GetByteArrayAsync($"/qr/thu-tuc/{BirthCode}.png");
        var marriage = await client.GetByteArrayAsync($"/qr/thu-tuc/{MarriageCode}.png");
        var field = await client.GetByteArrayAsync($"/qr/linh-vuc/{JusticeSlug}.png");

        birth.ShouldNotBe(marriage);
        birth.ShouldNotBe(field);
    }

    [Fact]
    public async Task a_field_svg_is_well_formed_xml_with_an_svg_root()
    {
        using var response = await client.GetAsync($"/qr/linh-vuc/{JusticeSlug}.svg?size=256");
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());

        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        svg.Root!.Name.LocalName.ShouldBe("svg");
        svg.Root.Name.NamespaceName.ShouldBe("http://www.w3.org/2000/svg");
    }

    [Theory]
    [InlineData("/qr/thu-tuc/1.001193.gif", HttpStatusCode.BadRequest, "file")]
    [InlineData("/qr/thu-tuc/1001193", HttpStatusCode.BadRequest, "file")]
    [InlineData("/qr/thu-tuc/1.001193.png?size=10", HttpStatusCode.BadRequest, "size")]
    [InlineData("/qr/thu-tuc/1.001193.png?size=100000", HttpStatusCode.BadRequest, "size")]
    [InlineData("/qr/thu-tuc/1.001193.svg?size=abc", HttpStatusCode.BadRequest, "size")]
    [InlineData("/qr/linh-vuc/khong-co.png", HttpStatusCode.NotFound, null)]
    [InlineData("/qr/thu-tuc/9.999999.svg", HttpStatusCode.NotFound, null)]
    public async Task a_malformed_or_unknown_qr_request_is_refused(string url, HttpStatusCode status, string? field)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        if (field is not null)
        {
            JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body);
        }
    }

    [Fact]
    public async Task a_unit_sheet_has_one_code_per_field_of_its_procedures_with_counts_on_a4()
    {
        var html = await client.GetStringAsync($"/in/don-vi/{Ward}/qr");

        html.ShouldContain("@page{size:A4");
        html.ShouldContain("<h1>UBND phường Hà Huy Tập: tra cứu thủ tục hành chính</h1>");
        html.ShouldContain($"<div class=\"name\">Lĩnh vực Tư pháp - Hộ tịch</div><div>1 thủ tục</div><div class=\"small\">http://localhost/thu-tuc/linh-vuc/{JusticeSlug}</div>");
        html.ShouldContain("<div class=\"name\">Lĩnh vực Xây dựng</div><div>1 thủ tục</div>");
        html.ShouldNotContain("Tài chính");
        Regex.Count(html, "<svg").ShouldBe(2);
    }

    [Fact]
    public async Task a_unit_without_assigned_procedures_gets_every_field_with_its_count()
    {
        (await client.PostAsJsonAsync("/api/catalogue/units", new { code = "H27.02", name = "UBND xã Thạch Hạ", kind = "commune" }, Json)).EnsureSuccessStatusCode();
        var fields = JsonDocument.Parse(await client.GetStringAsync("/api/catalogue/fields")).RootElement.EnumerateArray().ToList();

        var html = await client.GetStringAsync("/in/don-vi/H27.02/qr");

        Regex.Count(html, "<svg").ShouldBe(fields.Count);
        foreach (var field in fields)
        {
            html.ShouldContain($"<div class=\"name\">Lĩnh vực {field.GetProperty("name").GetString()}</div><div>{field.GetProperty("procedureCount").GetInt32()} thủ tục</div>");
        }
    }

    [Fact]
    public async Task a_field_sheet_has_one_code_per_procedure()
    {
        var html = await client.GetStringAsync($"/in/linh-vuc/{JusticeSlug}/qr");

        html.ShouldContain("<h1>Lĩnh vực Tư pháp - Hộ tịch: 4 thủ tục</h1>");
        Regex.Count(html, "<svg").ShouldBe(4);
        html.ShouldContain($"<div class=\"name\">Đăng ký khai sinh</div><div>Mã {BirthCode}</div>");
    }

    [Theory]
    [InlineData("/in/don-vi/KHONG.CO/qr")]
    [InlineData("/in/linh-vuc/khong-co/qr")]
    public async Task a_sheet_for_an_unknown_unit_or_field_is_a_404_page(string url)
    {
        using var response = await client.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Không tìm thấy trang");
    }
}
