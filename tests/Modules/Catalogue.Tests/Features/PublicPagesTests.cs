using System.Net;
using System.Net.Http.Json;
using Onestop.Catalogue.Domain;
using Shouldly;
using Xunit;
using static Onestop.Catalogue.Tests.Features.SearchTestCatalogue;
using static Onestop.Catalogue.Tests.SampleProcedures;

namespace Onestop.Catalogue.Tests.Features;

public sealed class PublicPagesTests(SearchCatalogueHost host) : IClassFixture<SearchCatalogueHost>
{
    private readonly HttpClient client = host.Factory.CreateClient();

    [Fact]
    public async Task the_fields_page_lists_every_field_with_its_procedure_count()
    {
        var (response, html) = await PageAsync("/thu-tuc");

        response.Content.Headers.ContentType!.ToString().ShouldBe("text/html; charset=utf-8");
        response.Headers.CacheControl!.Public.ShouldBeTrue();
        html.ShouldStartWith("<!doctype html><html lang=\"vi\">");
        html.ShouldContain($"<a href=\"/thu-tuc/linh-vuc/{JusticeSlug}\">Tư pháp - Hộ tịch</a> <span class=\"muted\">4 thủ tục</span>");
        html.ShouldContain($"<a href=\"/thu-tuc/linh-vuc/{ConstructionSlug}\">Xây dựng</a> <span class=\"muted\">1 thủ tục</span>");
        html.ShouldNotContain("<script");
    }

    [Fact]
    public async Task a_field_page_links_each_of_its_procedures_by_code()
    {
        var (_, html) = await PageAsync($"/thu-tuc/linh-vuc/{JusticeSlug}");

        html.ShouldContain("<h1>Lĩnh vực Tư pháp - Hộ tịch</h1>");
        html.ShouldContain($"<a href=\"/thu-tuc/{BirthCode}\">Đăng ký khai sinh</a>");
        html.ShouldContain($"<a href=\"/thu-tuc/{MarriageCode}\">Đăng ký kết hôn</a>");
        html.ShouldContain($"<a href=\"/thu-tuc/{DeathCode}\">Đăng ký khai tử</a>");
        html.ShouldNotContain(BuildingPermitCode);
    }

    [Fact]
    public async Task a_procedure_page_shows_every_attribute_a_citizen_needs()
    {
        var (_, html) = await PageAsync($"/thu-tuc/{BirthCode}");

        html.ShouldContain("<title>Đăng ký khai sinh – Thủ tục hành chính</title>");
        html.ShouldContain("<li>Công chức tư pháp - hộ tịch kiểm tra</li>");
        html.ShouldContain("<td>Giấy chứng sinh</td><td>1</td><td>1</td><td>Bắt buộc</td>");
        html.ShouldContain("Không bắt buộc<br><span class=\"muted\">Khi người đi đăng ký là người được ủy quyền</span>");
        html.ShouldContain("<a href=\"https://example.gov.vn/mau/to-khai-khai-sinh.docx\" download>Tải Mẫu tờ khai</a>");
        html.ShouldContain("Giải quyết trong ngày làm việc. Hồ sơ nhận sau 15 giờ");
        html.ShouldContain("Lệ phí đăng ký khai sinh: 8.000 đồng. Miễn, giảm: Miễn lệ phí khi đăng ký đúng hạn");
        html.ShouldContain("<li>Luật Hộ tịch 2014</li>");
        html.ShouldContain("<h2>Kết quả thực hiện</h2><p>Giấy khai sinh</p>");
        html.ShouldContain("Dịch vụ công trực tuyến toàn trình");
        html.ShouldContain("https://dichvucong.gov.vn");
        html.ShouldContain("Trực tiếp tại Bộ phận Một cửa");
        html.ShouldContain("Quyết định số 100/QĐ-UBND ngày 01/03/2025");
        html.ShouldContain($"<a href=\"/thu-tuc/linh-vuc/{JusticeSlug}\">Tư pháp - Hộ tịch</a>");
    }

    [Fact]
    public async Task data_is_html_encoded_on_the_page()
    {
        var (_, html) = await PageAsync($"/thu-tuc/{BirthCode}");

        html.ShouldContain("giấy tờ tùy thân &lt;có ảnh&gt;");
        html.ShouldNotContain("<có ảnh>");
    }

    [Fact]
    public async Task a_procedure_page_shows_the_version_in_force_today_not_an_announced_amendment()
    {
        await DefineFieldAsync("VH-A", "Văn hóa cơ sở");
        var code = "9.100001";
        await PublishAsync(code, BirthRegistration("VH-A") with { Name = "Công nhận câu lạc bộ thể thao cơ sở" });
        using var amended = await client.PostAsJsonAsync($"/api/catalogue/procedures/{code}/amendments",
            new { value = BirthRegistration("VH-A") with { Name = "Tên mới từ năm 2099" }, decision = Decision("9/QĐ-UBND", 2099, 1, 1) }, Json);
        amended.StatusCode.ShouldBe(HttpStatusCode.OK, await amended.Content.ReadAsStringAsync());

        var (_, html) = await PageAsync($"/thu-tuc/{code}");

        html.ShouldContain("<h1>Công nhận câu lạc bộ thể thao cơ sở</h1>");
        html.ShouldNotContain("Tên mới từ năm 2099");
    }

    [Fact]
    public async Task a_field_page_shows_a_procedure_published_after_it_was_first_served()
    {
        await DefineFieldAsync("VH-B", "Gia đình");
        var (_, before) = await PageAsync("/thu-tuc/linh-vuc/gia-dinh");

        await PublishAsync("9.100002", BirthRegistration("VH-B") with { Name = "Công nhận gia đình văn hóa" });
        var (_, after) = await PageAsync("/thu-tuc/linh-vuc/gia-dinh");

        before.ShouldContain("<p>0 thủ tục</p>");
        after.ShouldContain("<a href=\"/thu-tuc/9.100002\">Công nhận gia đình văn hóa</a>");
    }

    [Theory]
    [InlineData("/thu-tuc/9.999999", "Không có thủ tục mã “9.999999”")]
    [InlineData("/thu-tuc/linh-vuc/khong-co", "Không có lĩnh vực “khong-co”")]
    public async Task an_unknown_code_or_slug_gets_a_friendly_vietnamese_404_page(string url, string message)
    {
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("<h1>Không tìm thấy trang</h1>");
        html.ShouldContain(message);
        html.ShouldContain("href=\"/thu-tuc\"");
    }

    [Fact]
    public async Task the_search_page_works_as_a_plain_get_form()
    {
        var (_, empty) = await PageAsync("/thu-tuc/tim-kiem");
        var (_, found) = await PageAsync("/thu-tuc/tim-kiem?q=dang+ky+khai+sinh");

        empty.ShouldContain("<form action=\"/thu-tuc/tim-kiem\" method=\"get\"");
        found.ShouldContain("value=\"dang ky khai sinh\"");
        found.ShouldContain($"<li><a href=\"/thu-tuc/{BirthCode}\">Đăng ký khai sinh</a>");
        found.IndexOf($"/thu-tuc/{BirthCode}\"", StringComparison.Ordinal).ShouldBeLessThan(found.IndexOf($"/thu-tuc/{ForeignBirthCode}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task an_oversized_search_shows_the_reason_on_the_page()
    {
        using var response = await client.GetAsync($"/thu-tuc/tim-kiem?q={new string('x', 150)}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Từ khóa tìm kiếm dài quá 100 ký tự.");
    }

    private async Task<(HttpResponseMessage Response, string Html)> PageAsync(string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return (response, html);
    }

    private async Task DefineFieldAsync(string code, string name) =>
        (await client.PostAsJsonAsync("/api/catalogue/fields", new { code, name, order = 9 })).EnsureSuccessStatusCode();

    private async Task PublishAsync(string code, ProcedureContent content)
    {
        using var response = await client.PostAsJsonAsync("/api/catalogue/procedures", new { code, content, decision = Decision("1/QĐ-UBND", 2025, 1, 2) }, Json);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
