using System.Net;
using System.Text.Json;
using Shouldly;
using Xunit;
using static Onestop.Catalogue.Tests.Features.SearchTestCatalogue;

namespace Onestop.Catalogue.Tests.Features;

public sealed class SearchTests(SearchCatalogueHost host) : IClassFixture<SearchCatalogueHost>
{
    private readonly HttpClient client = host.Factory.CreateClient();

    [Theory]
    [InlineData("dang ky khai sinh")]
    [InlineData("đăng ký khai sinh")]
    [InlineData("ĐĂNG KÝ KHAI SINH")]
    [InlineData("DKKS")]
    [InlineData("dkks")]
    [InlineData("dang ki khai sinh")]
    public async Task birth_registration_comes_first_with_or_without_accents_by_initials_and_with_a_typo(string q)
    {
        var codes = await CodesAsync($"/api/catalogue/search?q={Uri.EscapeDataString(q)}");

        codes.First().ShouldBe(BirthCode);
    }

    [Theory]
    [InlineData("khai sinh")]
    [InlineData("khai snh")]
    [InlineData("khai")]
    public async Task part_of_the_name_or_a_misspelt_word_finds_birth_registration(string q)
    {
        (await CodesAsync($"/api/catalogue/search?q={Uri.EscapeDataString(q)}")).ShouldContain(BirthCode);
    }

    [Fact]
    public async Task d_without_the_stroke_finds_names_written_with_đ()
    {
        var codes = await CodesAsync("/api/catalogue/search?q=dang%20ky%20ket%20hon");

        codes.First().ShouldBe(MarriageCode);
    }

    [Fact]
    public async Task an_exact_code_comes_first_and_a_code_prefix_finds_every_code_it_starts()
    {
        var exact = await SearchAsync($"/api/catalogue/search?q={BirthCode}");
        var prefix = await CodesAsync("/api/catalogue/search?q=1.0011");

        var first = exact.GetProperty("items")[0];
        first.GetProperty("code").GetString().ShouldBe(BirthCode);
        first.GetProperty("match").GetString().ShouldBe("exactCode");
        prefix.ShouldBe([BirthCode, ForeignBirthCode]);
    }

    [Fact]
    public async Task ranking_puts_exact_initials_before_a_longer_name_and_all_words_before_near_spellings()
    {
        var byInitials = await SearchAsync("/api/catalogue/search?q=DKKS");
        var byWords = await SearchAsync("/api/catalogue/search?q=khai%20sinh");

        Matches(byInitials).Take(2).ShouldBe([(BirthCode, "exactInitials"), (ForeignBirthCode, "initialsPrefix")]);
        Matches(byWords).Take(2).Select(m => m.Match).ShouldBe(["allWords", "allWords"]);
        Matches(byWords).Take(2).Select(m => m.Code).ShouldBe([BirthCode, ForeignBirthCode]);
        Matches(byWords).Skip(2).ShouldAllBe(m => m.Match == "similar");
    }

    [Fact]
    public async Task filters_by_field_unit_and_online_level_narrow_the_results()
    {
        var byField = await CodesAsync($"/api/catalogue/search?q=dang%20ky&field={Construction}");
        var byUnit = await CodesAsync($"/api/catalogue/search?q=dang%20ky&unit={Ward}");
        var partlyOnline = await CodesAsync("/api/catalogue/search?q=dang%20ky&online=partial");
        var building = await CodesAsync($"/api/catalogue/search?q=giay%20phep%20xay%20dung&unit={Ward}&online=none");

        byField.ShouldBeEmpty();
        byUnit.ShouldBe([BirthCode]);
        partlyOnline.ShouldBe([MarriageCode, ForeignBirthCode], ignoreOrder: true);
        building.ShouldBe([BuildingPermitCode]);
    }

    [Fact]
    public async Task results_come_a_page_at_a_time_with_the_total()
    {
        var all = await CodesAsync("/api/catalogue/search?q=dang%20ky&pageSize=100");
        var second = await SearchAsync("/api/catalogue/search?q=dang%20ky&page=2&pageSize=2");

        all.Count.ShouldBe(4);
        second.GetProperty("total").GetInt64().ShouldBe(4);
        second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ShouldBe(all.Skip(2).Take(2));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%20%20")]
    [InlineData("%21%3F")]
    public async Task an_empty_query_is_refused_in_vietnamese(string q)
    {
        using var response = await client.GetAsync($"/api/catalogue/search?q={q}");

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        body.ShouldContain("Nhập mã hoặc tên thủ tục cần tìm.");
    }

    [Fact]
    public async Task an_oversized_query_or_page_size_is_refused()
    {
        using var longQuery = await client.GetAsync($"/api/catalogue/search?q={new string('a', 101)}");
        using var bigPage = await client.GetAsync("/api/catalogue/search?q=khai&pageSize=1000");

        longQuery.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await longQuery.Content.ReadAsStringAsync()).ShouldContain("dài quá 100 ký tự");
        bigPage.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static IEnumerable<(string Code, string Match)> Matches(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("code").GetString()!, i.GetProperty("match").GetString()!));

    private async Task<List<string>> CodesAsync(string url) =>
        (await SearchAsync(url)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList();

    private async Task<JsonElement> SearchAsync(string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
