using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Onestop.Documents.Tests.Signatures;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests.Features;

/// <summary>POST /api/public/dossiers/result: a citizen downloads the signed result with the receipt's code and secret.</summary>
public sealed class ResultDownloadTests : IClassFixture<DocumentsApp>
{
    private static readonly TestPki Pki = TestPki.Create("Ban Cơ yếu Chính phủ");

    private readonly DocumentsApp app;
    private readonly HttpClient host;

    public ResultDownloadTests(DocumentsApp app)
    {
        this.app = app;
        host = app.ClientOf(h => h.UseSetting("Documents:Signatures:TrustedRoots:0", Pki.Root.ExportCertificatePem()));
    }

    [Fact]
    public async Task the_right_secret_downloads_the_exact_bytes_of_the_signed_result_returned_electronically()
    {
        var (id, code, secret) = await ReceiveAsync();
        var result = Samples.Pdf($"Giấy xác nhận tình trạng hôn nhân {Guid.NewGuid()}");
        await SignedResultAsync(id, result);
        await ActAsync(id, "decision", new { outcome = "approve", reasons = "Đủ điều kiện", documentNumber = "15/GXN" }, Roles.Leader);
        await ActAsync(id, "result", null, Roles.Leader);
        await ActAsync(id, "return", new { method = "electronic", recipient = "Nguyễn Thị Lan" }, Roles.DeskOfficer);

        using var download = await Citizen().PostAsJsonAsync("/api/public/dossiers/result", new { code, secret });

        download.StatusCode.ShouldBe(HttpStatusCode.OK, await download.Content.ReadAsStringAsync());
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(result);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task a_wrong_secret_gets_the_lookups_not_found_answer()
    {
        var (id, code, _) = await ReceiveAsync();
        await SignedResultAsync(id, Samples.Pdf($"kết quả {Guid.NewGuid()}"));

        using var refused = await Citizen().PostAsJsonAsync("/api/public/dossiers/result", new { code, secret = "ZZZZZZZZ" });

        (await DocumentsApp.ProblemAsync(refused, HttpStatusCode.NotFound)).GetProperty("code").GetString().ShouldBe("dossier.lookup_no_match");
    }

    [Fact]
    public async Task a_result_not_yet_ready_is_not_downloaded_even_with_the_right_secret()
    {
        var (id, code, secret) = await ReceiveAsync();
        await SignedResultAsync(id, Samples.Pdf($"kết quả chưa duyệt {Guid.NewGuid()}"));

        using var refused = await Citizen().PostAsJsonAsync("/api/public/dossiers/result", new { code, secret });

        (await DocumentsApp.ProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("document.result_not_available");
    }

    /// <summary>The host's client as an anonymous citizen (requests of a test are sequential, so one client changes hats).</summary>
    private HttpClient Citizen() => TestOfficial.Clear(host);

    private async Task<(Guid Id, string Code, string Secret)> ReceiveAsync()
    {
        using var response = await app.PostAsync("/api/dossiers", new
        {
            procedureCode = DocumentsApp.Procedure,
            applicant = new { fullName = "Nguyễn Thị Lan", identityNumber = "001190012345", phone = "0912345678", address = "12 Trần Phú, Hà Tĩnh" },
            components = new[] { new { code = "TK", originals = 1, copies = 0 } },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("id").GetGuid(), body.GetProperty("code").GetString()!, body.GetProperty("lookupSecret").GetString()!);
    }

    /// <summary>Assigned, proposed, and the result uploaded and signed validly for the dossier: awaiting the leader's decision.</summary>
    private async Task SignedResultAsync(Guid dossier, byte[] result)
    {
        await ActAsync(dossier, "assignments", new { stepName = "Thẩm định hồ sơ", assignee = "hoa.pt" }, Roles.DeskOfficer);
        await ActAsync(dossier, "proposal", new { outcome = "approve", summary = "Đủ điều kiện" }, Roles.Specialist);
        var document = (await app.UploadOkAsync(result, "giay-xac-nhan.pdf")).GetProperty("id").GetGuid();
        var signature = TestPki.Sign(result, Pki.Signer("CN=Trần Văn Nam, C=VN"), DateTimeOffset.UtcNow.AddMinutes(-5), [Pki.Intermediate, Pki.Root]);
        using var signed = await Official(Roles.Leader).PostAsync($"/api/documents/{document}/signature?dossierId={dossier}", new ByteArrayContent(signature));
        (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resultOfDossierId").GetGuid().ShouldBe(dossier);
    }

    private async Task ActAsync(Guid dossier, string action, object? body, string role)
    {
        using var response = await Official(role).PostAsJsonAsync($"/api/dossiers/{dossier}/{action}", body, DocumentsApp.Json);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private HttpClient Official(string role) => new TestOfficial(role + ".official", DocumentsApp.Desk, role).ApplyTo(host);
}
