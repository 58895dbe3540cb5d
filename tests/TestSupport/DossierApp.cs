using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Catalogue.Domain;
using Onestop.EventStore;
using Shouldly;
using Xunit;

namespace Onestop.TestSupport;

/// <summary>The platform clock as tests set it, in Vietnam time.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

/// <summary>
/// The real host on a fresh database with a clock the test sets, a registered desk unit (the default test unit), a
/// second agency, and procedures in force: one counted in working days and one receivable only in its area.
/// </summary>
public sealed class DossierApp : IAsyncLifetime
{
    public const string Desk = TestOfficial.DefaultUnit;
    public const string Agency = "000.00.31.H27";
    public const string Commune = "000.00.12.H27";
    public const string Marriage = "1.000893";
    public const string LandUse = "1.004227";
    public const string PublicBaseUrl = "https://dichvucong.hatinh.gov.vn";

    public static readonly JsonSerializerOptions Json = EventTypeRegistry.SerializerOptions;

    private readonly PlatformFactory platform = new();
    private readonly List<WebApplicationFactory<Program>> variants = [];
    private WebApplicationFactory<Program> factory = null!;

    public TestClock Clock { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The host's services, for tests that look at what was stored or drive a projection.</summary>
    public IServiceProvider Services => factory.Services;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)platform).InitializeAsync();
        factory = platform.WithWebHostBuilder(host => host
            .UseSetting("Catalogue:PublicBaseUrl", PublicBaseUrl)
            .UseSetting("Dossiers:FormPlace", "Hà Tĩnh")
            .ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock)));
        Client = factory.CreateClient();
        await RegisterCatalogueAsync(Client);
    }

    /// <summary>
    /// The catalogue the dossier tests need, registered by the given administrator client: the field, the desk unit,
    /// the agency and the commune, and the two procedures in force since 1/7/2025. Already registered (409) is fine:
    /// tests sharing one host call it each.
    /// </summary>
    public static async Task RegisterCatalogueAsync(HttpClient admin)
    {
        await PostOk(admin, "/api/catalogue/fields", new { code = "TP-HT", name = "Tư pháp - Hộ tịch", order = 1 });
        await PostOk(admin, "/api/catalogue/units", new { code = Desk, name = "Trung tâm Phục vụ hành chính công tỉnh", kind = "serviceCentre" });
        await PostOk(admin, "/api/catalogue/units", new { code = Agency, name = "Sở Tư pháp", kind = "agency", parentCode = Desk });
        await PostOk(admin, "/api/catalogue/units", new { code = Commune, name = "UBND phường Hà Huy Tập", kind = "commune", parentCode = Desk, address = "Số 1 Nguyễn Du, phường Hà Huy Tập" });
        await PostOk(admin, "/api/catalogue/procedures", new { code = Marriage, content = MarriageStatus(), decision = Decision("1/QĐ-UBND") });
        await PostOk(admin, "/api/catalogue/procedures", new
        {
            code = LandUse,
            content = MarriageStatus() with { Name = "Đăng ký biến động đất đai", ProcessingTime = new ProcessingTime(10), ReceivableAnywhere = false },
            decision = Decision("2/QĐ-UBND"),
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var variant in variants)
        {
            await variant.DisposeAsync();
        }

        await factory.DisposeAsync();
        await platform.DisposeAsync();
    }

    public static ProcedureContent MarriageStatus() => new(
        Name: "Cấp Giấy xác nhận tình trạng hôn nhân",
        FieldCode: "TP-HT",
        Level: ImplementingLevel.Commune,
        Agency: "UBND cấp xã",
        Steps: ["Nộp hồ sơ", "Công chức tư pháp - hộ tịch kiểm tra, xác minh", "Chủ tịch UBND ký"],
        Channels: [Channel.Direct, Channel.Online, Channel.Post],
        Components:
        [
            new ComponentSpec("TK", "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", 1, 0, Required: true),
            new ComponentSpec("LH", "Bản sao trích lục ly hôn", 0, 1, Required: true, Condition: "Nếu đã từng kết hôn và ly hôn"),
            new ComponentSpec("UQ", "Văn bản ủy quyền", 1, 0, Required: false),
        ],
        ProcessingTime: new ProcessingTime(5),
        Fees: [new Fee("Lệ phí", 10_000m)],
        Requirements: null,
        LegalBasis: ["Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP"],
        Result: "Giấy xác nhận tình trạng hôn nhân",
        OnlineLevel: OnlineLevel.Full,
        ReceivableAnywhere: true);

    public static object Applicant(string identity = "001190012345", string phone = "0912345678", string? area = null) =>
        new { fullName = "Nguyễn Thị Lan", identityNumber = identity, phone, address = "12 Trần Phú, Hà Tĩnh", areaCode = area };

    public static object Intake(string procedure = Marriage, object? applicant = null, object[]? components = null) => new
    {
        procedureCode = procedure,
        applicant = applicant ?? Applicant(),
        components = components ?? [new { code = "TK", originals = 1, copies = 0 }],
    };

    /// <summary>Receives a dossier at the desk and returns its id and ETag.</summary>
    public async Task<(Guid Id, string Code, string ETag, JsonElement Body)> ReceiveAsync(object? intake = null, HttpClient? client = null)
    {
        using var response = await (client ?? Client).PostAsJsonAsync("/api/dossiers", intake ?? Intake(), Json);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("id").GetGuid(), body.GetProperty("code").GetString()!, response.Headers.ETag!.Tag, body);
    }

    public Task<HttpResponseMessage> ActAsync(Guid id, string action, object? body = null, string? ifMatch = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/dossiers/{id}/{action}")
        {
            Content = body is null ? null : JsonContent.Create(body, options: Json),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return (client ?? Client).SendAsync(request);
    }

    /// <summary>A transition that must succeed; returns the new ETag.</summary>
    public async Task<string> ActOkAsync(Guid id, string action, object? body = null, HttpClient? client = null)
    {
        using var response = await ActAsync(id, action, body, client: client);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag;
    }

    public async Task<JsonElement> GetAsync(Guid id, HttpClient? client = null)
    {
        using var response = await (client ?? Client).GetAsync($"/api/dossiers/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public HttpClient ClientFor(TestOfficial official) => official.ApplyTo(factory.CreateClient());

    /// <summary>A client of another host on the same database and clock, with some settings changed.</summary>
    public HttpClient ClientWithSettings(params (string Key, string Value)[] settings)
    {
        var variant = factory.WithWebHostBuilder(host =>
        {
            foreach (var (key, value) in settings)
            {
                host.UseSetting(key, value);
            }
        });
        variants.Add(variant);
        return variant.CreateClient();
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(text).RootElement;
    }

    private static AnnouncingDecision Decision(string number) => new(number, new DateOnly(2025, 7, 1), "Chủ tịch UBND tỉnh", new DateOnly(2025, 7, 1));

    private static async Task PostOk(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, Json);
        (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict).ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }
}
