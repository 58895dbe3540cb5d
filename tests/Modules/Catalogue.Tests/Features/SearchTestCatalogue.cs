using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Onestop.Catalogue.Domain;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.Catalogue.Tests.SampleProcedures;

namespace Onestop.Catalogue.Tests.Features;

/// <summary>The host on a fresh database holding only <see cref="SearchTestCatalogue"/>: no sample catalogue is loaded.</summary>
public sealed class SearchCatalogueHost : IAsyncLifetime
{
    private readonly PlatformFactory platform = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await platform.InitializeAsync();
        Factory = platform.WithWebHostBuilder(b => b.UseSetting("Catalogue:LoadSampleOnEmpty", "false"));
        await SearchTestCatalogue.SeedAsync(Factory.CreateClient());
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await platform.DisposeAsync();
    }
}

/// <summary>A small commune catalogue the search, public page and QR tests share: three fields, five procedures, one unit.</summary>
internal static class SearchTestCatalogue
{
    public const string Justice = "TP-HT";
    public const string JusticeSlug = "tu-phap-ho-tich";
    public const string Construction = "XD";
    public const string ConstructionSlug = "xay-dung";
    public const string Ward = "H27.01";
    public const string BirthCode = "1.001193";
    public const string ForeignBirthCode = "1.001195";
    public const string MarriageCode = "1.000894";
    public const string DeathCode = "1.000656";
    public const string BuildingPermitCode = "1.009994";

    public static readonly JsonSerializerOptions Json = Onestop.EventStore.EventTypeRegistry.SerializerOptions;

    /// <summary>Birth registration with every attribute a page shows: form link, fees with exemption, requirements.</summary>
    public static ProcedureContent FullBirthRegistration() => BirthRegistration(Justice) with
    {
        Components =
        [
            new ComponentSpec("TK", "Tờ khai đăng ký khai sinh", 1, 0, Required: true, FormName: "Mẫu tờ khai", FormUrl: "https://example.gov.vn/mau/to-khai-khai-sinh.docx"),
            new ComponentSpec("GCS", "Giấy chứng sinh", 1, 1, Required: true),
            new ComponentSpec("UQ", "Văn bản ủy quyền", 1, 0, Required: false, Condition: "Khi người đi đăng ký là người được ủy quyền"),
        ],
        Fees = [new Fee("Lệ phí đăng ký khai sinh", 8000m, "Miễn lệ phí khi đăng ký đúng hạn")],
        Requirements = "Người đi đăng ký xuất trình giấy tờ tùy thân <có ảnh>",
    };

    public static async Task SeedAsync(HttpClient client)
    {
        await PostAsync(client, "/api/catalogue/fields", new { code = Justice, name = "Tư pháp - Hộ tịch", order = 1 });
        await PostAsync(client, "/api/catalogue/fields", new { code = Construction, name = "Xây dựng", order = 2 });
        await PostAsync(client, "/api/catalogue/fields", new { code = "TC", name = "Tài chính", order = 3 });
        await PublishAsync(client, BirthCode, FullBirthRegistration());
        await PublishAsync(client, ForeignBirthCode, BirthRegistration(Justice) with { Name = "Đăng ký khai sinh có yếu tố nước ngoài", OnlineLevel = OnlineLevel.Partial });
        await PublishAsync(client, MarriageCode, BirthRegistration(Justice) with { Name = "Đăng ký kết hôn", OnlineLevel = OnlineLevel.Partial });
        await PublishAsync(client, DeathCode, BirthRegistration(Justice) with { Name = "Đăng ký khai tử" });
        await PublishAsync(client, BuildingPermitCode, BirthRegistration(Construction) with
        {
            Name = "Cấp giấy phép xây dựng nhà ở riêng lẻ", OnlineLevel = OnlineLevel.None, Channels = [Channel.Direct],
            ProcessingTime = new ProcessingTime(15),
        });
        await PostAsync(client, "/api/catalogue/units", new { code = Ward, name = "UBND phường Hà Huy Tập", kind = "commune" });
        using var assigned = await client.PutAsJsonAsync($"/api/catalogue/units/{Ward}/procedures", new[] { BirthCode, BuildingPermitCode }, Json);
        assigned.StatusCode.ShouldBe(HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());
    }

    private static async Task PublishAsync(HttpClient client, string code, ProcedureContent content)
    {
        using var response = await client.PostAsJsonAsync("/api/catalogue/procedures", new { code, content, decision = Decision("100/QĐ-UBND", 2025, 3, 1) }, Json);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task PostAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body, Json);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
