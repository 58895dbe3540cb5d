using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.EventStore;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests.Features;

/// <summary>
/// The real host on a fresh database with its blob store in a temporary folder of its own, a registered desk unit
/// (the default test unit) and one procedure in force whose checklist has the components "TK" and "GT".
/// </summary>
public sealed class DocumentsApp : IAsyncLifetime
{
    public const string Desk = TestOfficial.DefaultUnit;
    public const string OtherUnit = "000.00.99.H99";
    public const string Procedure = "1.000893";

    public static readonly JsonSerializerOptions Json = EventTypeRegistry.SerializerOptions;

    private readonly PlatformFactory platform = new();
    private readonly List<WebApplicationFactory<Program>> variants = [];
    private WebApplicationFactory<Program> factory = null!;

    public string BlobRoot { get; } = Directory.CreateTempSubdirectory("onestop-blobs-").FullName;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => factory.Services;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)platform).InitializeAsync();
        factory = platform.WithWebHostBuilder(host => host.UseSetting("Documents:StorageRoot", BlobRoot));
        Client = factory.CreateClient();
        await PostOk("/api/catalogue/fields", new { code = "TP-HT", name = "Tư pháp - Hộ tịch", order = 1 });
        await PostOk("/api/catalogue/units", new { code = Desk, name = "Trung tâm Phục vụ hành chính công tỉnh", kind = "serviceCentre" });
        await PostOk("/api/catalogue/units", new { code = OtherUnit, name = "UBND xã Thạch Hà", kind = "commune", parentCode = Desk });
        await PostOk("/api/catalogue/procedures", new
        {
            code = Procedure,
            content = new ProcedureContent(
                "Cấp Giấy xác nhận tình trạng hôn nhân", "TP-HT", ImplementingLevel.Commune, "UBND cấp xã", ["Nộp hồ sơ", "Xem xét", "Ký"],
                [Channel.Direct, Channel.Online], [
                    new ComponentSpec("TK", "Tờ khai", 1, 0, Required: true),
                    new ComponentSpec("GT", "Giấy tờ tùy thân", 0, 1, Required: false),
                ],
                new ProcessingTime(5), [], null, ["Luật Hộ tịch 2014"], "Giấy xác nhận tình trạng hôn nhân", OnlineLevel.Full, ReceivableAnywhere: true),
            decision = new AnnouncingDecision("1/QĐ-UBND", new DateOnly(2025, 7, 1), "Chủ tịch UBND tỉnh", new DateOnly(2025, 7, 1)),
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
        Directory.Delete(BlobRoot, recursive: true);
    }

    /// <summary>A client of another host on the same database and blob folder, configured further (a setting, a service).</summary>
    public HttpClient ClientOf(Action<IWebHostBuilder> configure)
    {
        var variant = factory.WithWebHostBuilder(configure);
        variants.Add(variant);
        return variant.CreateClient();
    }

    public HttpClient ClientFor(TestOfficial official) => official.ApplyTo(factory.CreateClient());

    /// <summary>
    /// An administrator's client that streams request bodies: the default test client follows redirects, and to be
    /// able to resend a body on a 307 it copies every request body into memory first.
    /// </summary>
    public HttpClient StreamingClient() =>
        TestOfficial.Administrator.ApplyTo(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, HttpContent content, string fileName) =>
        client.PostAsync($"/api/documents?fileName={Uri.EscapeDataString(fileName)}", content);

    /// <summary>Uploads bytes that must be accepted; returns the 201 body.</summary>
    public async Task<JsonElement> UploadOkAsync(byte[] bytes, string fileName = "to-khai.pdf", HttpClient? client = null)
    {
        using var response = await UploadAsync(client ?? Client, new ByteArrayContent(bytes), fileName);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body;
    }

    /// <summary>Blob files in the store (staging excluded), and what is left in staging (always nothing after a request).</summary>
    public (string[] Blobs, string[] Staging) StoredFiles()
    {
        var all = Directory.GetFiles(BlobRoot, "*", SearchOption.AllDirectories);
        var staging = Path.Combine(BlobRoot, ".staging") + Path.DirectorySeparatorChar;
        return ([.. all.Where(f => !f.StartsWith(staging, StringComparison.Ordinal))], [.. all.Where(f => f.StartsWith(staging, StringComparison.Ordinal))]);
    }

    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var db = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await db.ExecuteScalarAsync<long>(sql, parameters);
    }

    /// <summary>Receives a dossier at the desk for the given applicant and returns its id.</summary>
    public async Task<Guid> ReceiveDossierAsync(string identityNumber = "001190012345")
    {
        using var response = await Client.PostAsJsonAsync("/api/dossiers", new
        {
            procedureCode = Procedure,
            applicant = new { fullName = "Nguyễn Thị Lan", identityNumber, phone = "0912345678", address = "12 Trần Phú, Hà Tĩnh" },
            components = new[] { new { code = "TK", originals = 1, copies = 0 } },
        }, Json);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object body, HttpClient? client = null) =>
        await (client ?? Client).PostAsJsonAsync(path, body, Json);

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(text).RootElement;
    }

    public static ByteArrayContent Bytes(byte[] bytes, string? claimedType = null)
    {
        var content = new ByteArrayContent(bytes);
        if (claimedType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        }

        return content;
    }

    private async Task PostOk(string path, object body)
    {
        using var response = await Client.PostAsJsonAsync(path, body, Json);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }
}
