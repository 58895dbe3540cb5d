using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Documents.Tests.Signatures;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests.Features;

/// <summary>POST /api/documents/{id}/signature on a host that trusts one test root CA.</summary>
public sealed class SignedResultTests : IClassFixture<DocumentsApp>
{
    private static readonly TestPki Trusted = TestPki.Create("Ban Cơ yếu Chính phủ");
    private static readonly TestPki Untrusted = TestPki.Create("Tự cấp");

    private readonly DocumentsApp app;
    private readonly HttpClient leader;

    public SignedResultTests(DocumentsApp app)
    {
        this.app = app;
        leader = new TestOfficial("lanh-dao", DocumentsApp.Desk, Roles.Leader).ApplyTo(
            app.ClientOf(host => host.UseSetting("Documents:Signatures:TrustedRoots:0", Trusted.Root.ExportCertificatePem())));
    }

    [Fact]
    public async Task a_valid_signature_is_recorded_and_makes_the_document_the_dossiers_signed_result()
    {
        var (dossier, document, pdf) = await ResultAttachedToADossierAsync("hợp lệ");
        var signature = Sign(pdf, Trusted, "CN=Nguyễn Văn An, O=UBND xã Thạch Hà, C=VN");

        var recorded = await PostSignatureAsync(document, Pem(signature));

        recorded.GetProperty("verification").GetProperty("outcome").GetString().ShouldBe("valid");
        recorded.GetProperty("verification").GetProperty("signerName").GetString().ShouldBe("Nguyễn Văn An");
        recorded.GetProperty("resultOfDossierId").GetGuid().ShouldBe(dossier);
        var view = await leader.GetFromJsonAsync<JsonElement>($"/api/documents/{document}");
        view.GetProperty("signatures").GetArrayLength().ShouldBe(1);
        view.GetProperty("lastVerification").GetProperty("outcome").GetString().ShouldBe("valid");
        view.GetProperty("lastVerification").GetProperty("contentSha256").GetString().ShouldBe(view.GetProperty("sha256").GetString());
        view.GetProperty("resultOf").GetProperty("dossierId").GetGuid().ShouldBe(dossier);
        (await app.CountAsync("select count(*) from documents where id = @document and result_of = @dossier", new { document, dossier })).ShouldBe(1);
        (await EventTypesAsync(document)).ShouldBe(["documents.signed.v1", "documents.marked_as_result.v1"]);
    }

    [Fact]
    public async Task a_signature_from_an_untrusted_root_is_recorded_as_such_and_does_not_make_a_result()
    {
        var (_, document, pdf) = await ResultAttachedToADossierAsync("không tin cậy");

        var recorded = await PostSignatureAsync(document, Sign(pdf, Untrusted, "CN=Kẻ Giả Mạo, C=VN"));

        recorded.GetProperty("verification").GetProperty("outcome").GetString().ShouldBe("untrustedSigner");
        recorded.GetProperty("resultOfDossierId").ValueKind.ShouldBe(JsonValueKind.Null);
        var view = await leader.GetFromJsonAsync<JsonElement>($"/api/documents/{document}");
        view.GetProperty("lastVerification").GetProperty("outcome").GetString().ShouldBe("untrustedSigner");
        view.GetProperty("resultOf").ValueKind.ShouldBe(JsonValueKind.Null);
        (await EventTypesAsync(document)).ShouldBe(["documents.signed.v1"]);
    }

    [Fact]
    public async Task a_signature_over_other_bytes_is_recorded_as_a_content_mismatch()
    {
        var (_, document, _) = await ResultAttachedToADossierAsync("bản gốc");

        var recorded = await PostSignatureAsync(document, Sign(Samples.Pdf("bản khác"), Trusted, "CN=Nguyễn Văn An, C=VN"));

        recorded.GetProperty("verification").GetProperty("outcome").GetString().ShouldBe("contentMismatch");
        recorded.GetProperty("resultOfDossierId").ValueKind.ShouldBe(JsonValueKind.Null);
        (await EventTypesAsync(document)).ShouldBe(["documents.signed.v1"]);
    }

    [Fact]
    public async Task a_signature_over_a_corrupted_blob_is_refused_and_nothing_is_appended()
    {
        var (_, document, pdf) = await ResultAttachedToADossierAsync("bị hỏng");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var blob = Path.Combine(app.BlobRoot, sha256[..2], sha256[2..4], sha256);
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[^3] ^= 0x01;
        await File.WriteAllBytesAsync(blob, bytes);

        using var refused = await leader.PostAsync($"/api/documents/{document}/signature", new ByteArrayContent(Sign(pdf, Trusted, "CN=An, C=VN")));

        (await DocumentsApp.ProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("document.content_corrupted");
        (await EventTypesAsync(document)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_desk_officer_may_not_record_a_signature_and_nothing_is_appended()
    {
        var (_, document, pdf) = await ResultAttachedToADossierAsync("bộ phận một cửa");
        var desk = app.ClientFor(TestOfficial.DeskOfficer());

        using var refused = await desk.PostAsync($"/api/documents/{document}/signature", new ByteArrayContent(Sign(pdf, Trusted, "CN=An, C=VN")));

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await EventTypesAsync(document)).ShouldBeEmpty();
    }

    internal static byte[] Sign(byte[] content, TestPki pki, string subject) =>
        TestPki.Sign(content, pki.Signer(subject), DateTimeOffset.UtcNow.AddMinutes(-5), [pki.Intermediate, pki.Root]);

    private static byte[] Pem(byte[] der) => Encoding.ASCII.GetBytes(PemEncoding.WriteString("PKCS7", der));

    private async Task<(Guid Dossier, Guid Document, byte[] Pdf)> ResultAttachedToADossierAsync(string text)
    {
        var dossier = await app.ReceiveDossierAsync();
        var pdf = Samples.Pdf($"kết quả {text} {Guid.NewGuid()}");
        var document = (await app.UploadOkAsync(pdf, "ket-qua.pdf")).GetProperty("id").GetGuid();
        using var attached = await app.PostAsync($"/api/documents/{document}/attachments", new { dossierId = dossier, componentCode = "TK" });
        attached.StatusCode.ShouldBe(HttpStatusCode.OK, await attached.Content.ReadAsStringAsync());
        return (dossier, document, pdf);
    }

    private async Task<JsonElement> PostSignatureAsync(Guid document, byte[] signature)
    {
        var content = new ByteArrayContent(signature);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pkcs7-signature");
        using var response = await leader.PostAsync($"/api/documents/{document}/signature", content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        return body;
    }

    /// <summary>The document's events after its upload and attachment.</summary>
    private async Task<string[]> EventTypesAsync(Guid document)
    {
        await using var db = await app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync();
        var types = await Dapper.SqlMapper.QueryAsync<string>(db,
            "select type from es_events where stream_id = @stream and version > 2 order by version", new { stream = $"document-{document}" });
        return [.. types];
    }
}
