using System.Net;
using Microsoft.AspNetCore.Hosting;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Host.Tests.AdminUi;

/// <summary>/admin over a stand-in build (AdminUi:Root), so these hold whether or not the real UI was built.</summary>
public sealed class AdminUiServingTests(PlatformFactory factory) : IClassFixture<PlatformFactory>, IDisposable
{
    private readonly DirectoryInfo build = StandInBuild();

    [Fact]
    public async Task a_deep_link_answers_the_app_page_and_is_never_cached()
    {
        using var client = Client(build.FullName);

        using var response = await client.GetAsync("/admin/ho-so/0191f7a0-0000-7000-8000-000000000001");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldContain("<div id=\"root\">");
    }

    [Fact]
    public async Task hashed_assets_are_cached_for_a_year()
    {
        using var client = Client(build.FullName);

        using var response = await client.GetAsync("/admin/assets/index-3f2a9c.js");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromDays(365));
        (await response.Content.ReadAsStringAsync()).ShouldBe("console.log(1);");
    }

    [Fact]
    public async Task a_missing_asset_is_a_404_not_the_app_page()
    {
        using var client = Client(build.FullName);

        using var response = await client.GetAsync("/admin/assets/index-gone.js");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task without_a_build_admin_says_how_to_make_one()
    {
        using var client = Client(Path.Combine(build.FullName, "not-built"));

        using var response = await client.GetAsync("/admin/tiep-nhan");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).ShouldContain("npm run build");
    }

    public void Dispose() => build.Delete(recursive: true);

    private HttpClient Client(string root) => factory.WithWebHostBuilder(b => b.UseSetting("AdminUi:Root", root)).CreateClient();

    private static DirectoryInfo StandInBuild()
    {
        var root = Directory.CreateTempSubdirectory("onestop-admin-ui-");
        File.WriteAllText(Path.Combine(root.FullName, "index.html"), "<!doctype html><div id=\"root\"></div>");
        Directory.CreateDirectory(Path.Combine(root.FullName, "assets"));
        File.WriteAllText(Path.Combine(root.FullName, "assets", "index-3f2a9c.js"), "console.log(1);");
        return root;
    }
}
