using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Documents.Storage;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests.Features;

public sealed class UploadRefusalTests(DocumentsApp app) : IClassFixture<DocumentsApp>
{
    public static TheoryData<string, string> Allowed => new()
    {
        { "pdf", "application/pdf" },
        { "jpeg", "image/jpeg" },
        { "png", "image/png" },
        { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xml", "application/xml" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task each_allowed_type_is_accepted_with_the_type_sniffed_from_its_bytes(string kind, string mediaType)
    {
        var bytes = kind switch { "pdf" => Samples.Pdf(kind), "jpeg" => Samples.Jpeg(), "png" => Samples.Png(), "docx" => Samples.Docx(), _ => Samples.Xml() };

        // The client claims another type: only the content decides.
        using var response = await DocumentsApp.UploadAsync(app.Client, DocumentsApp.Bytes(bytes, "text/plain"), $"mau.{kind}");

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToString());
        body.GetProperty("mediaType").GetString().ShouldBe(mediaType);
        body.GetProperty("size").GetInt64().ShouldBe(bytes.Length);
        response.Headers.Location!.ToString().ShouldBe($"/api/documents/{body.GetProperty("id").GetGuid()}");
    }

    public static TheoryData<string> Refused => new() { "exe", "text", "zip", "empty" };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task content_outside_the_allow_list_is_refused_with_415_even_when_claimed_as_pdf(string kind)
    {
        var bytes = kind switch { "exe" => Samples.Exe(), "text" => Samples.Text(), "zip" => Samples.Zip("readme.txt"), _ => [] };

        await NothingStoredAsync(async () =>
        {
            using var response = await DocumentsApp.UploadAsync(app.Client, DocumentsApp.Bytes(bytes, "application/pdf"), "gia-mao.pdf");
            var problem = await DocumentsApp.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
            problem.GetProperty("code").GetString().ShouldBe("document.media_type_not_allowed");
            problem.GetProperty("detail").GetString()!.ShouldContain("Định dạng tệp không được chấp nhận");
        });
    }

    [Fact]
    public async Task a_file_over_the_limit_is_refused_with_413_whether_its_length_is_declared_or_not()
    {
        var small = app.ClientOf(host => host.UseSetting("Documents:MaxUploadBytes", "1024"));
        var big = Samples.Pdf(new string('x', 4096));

        await NothingStoredAsync(async () =>
        {
            using var declared = await DocumentsApp.UploadAsync(small, DocumentsApp.Bytes(big), "lon.pdf");
            (await DocumentsApp.ProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge)).GetProperty("code").GetString().ShouldBe("document.too_large");

            // Chunked: no Content-Length, so the limit is found while the body streams.
            using var chunked = await DocumentsApp.UploadAsync(small, new StreamContent(new MemoryStream(big)), "lon.pdf");
            (await DocumentsApp.ProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString()!.ShouldContain("dung lượng");
        });
    }

    [Fact]
    public async Task a_file_the_scanner_rejects_is_refused_with_422_and_not_stored()
    {
        var scanned = app.ClientOf(host => host.ConfigureTestServices(services => services.AddSingleton<IContentScanner, RejectingScanner>()));

        await NothingStoredAsync(async () =>
        {
            using var response = await DocumentsApp.UploadAsync(scanned, DocumentsApp.Bytes(Samples.Pdf("eicar")), "nhiem-ma-doc.pdf");
            var problem = await DocumentsApp.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("code").GetString().ShouldBe("document.rejected_by_scanner");
            problem.GetProperty("detail").GetString()!.ShouldContain("EICAR-Test-File");
        });
    }

    [Fact]
    public async Task an_upload_without_a_file_name_is_refused_with_the_field_named()
    {
        await NothingStoredAsync(async () =>
        {
            using var response = await app.Client.PostAsync("/api/documents", DocumentsApp.Bytes(Samples.Pdf()));
            var problem = await DocumentsApp.ProblemAsync(response, HttpStatusCode.BadRequest);
            problem.GetProperty("errors").GetProperty("fileName")[0].GetString()!.ShouldContain("Thiếu tên tệp");
        });
    }

    [Fact]
    public async Task the_file_name_may_come_from_content_disposition()
    {
        var content = DocumentsApp.Bytes(Samples.Pdf("disposition"));
        content.Headers.ContentDisposition = new("attachment") { FileNameStar = "Tờ khai.pdf" };

        using var response = await app.Client.PostAsync("/api/documents", content);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileName").GetString().ShouldBe("Tờ khai.pdf");
    }

    [Fact]
    public async Task an_unknown_document_is_404_and_malformed_json_is_400_with_the_body_named()
    {
        var unknown = Guid.NewGuid();
        (await DocumentsApp.ProblemAsync(await app.Client.GetAsync($"/api/documents/{unknown}"), HttpStatusCode.NotFound))
            .GetProperty("code").GetString().ShouldBe("document.not_found");
        (await DocumentsApp.ProblemAsync(await app.Client.GetAsync($"/api/documents/{unknown}/content"), HttpStatusCode.NotFound)).ShouldNotBe(default);

        var document = await app.UploadOkAsync(Samples.Pdf("json"));
        var id = document.GetProperty("id").GetGuid();
        var before = await app.CountAsync("select count(*) from es_events");
        using var malformed = await app.Client.PostAsync($"/api/documents/{id}/digitisation",
            new StringContent("{\"documentType\": \"Giấy khai sinh\", ", Encoding.UTF8, "application/json"));

        (await DocumentsApp.ProblemAsync(malformed, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("body", out _).ShouldBeTrue();
        using var invalid = await app.PostAsync($"/api/documents/{id}/digitisation", new { documentType = "", ownerIdentityNumber = "12ab" });
        var fields = (await DocumentsApp.ProblemAsync(invalid, HttpStatusCode.BadRequest)).GetProperty("errors");
        fields.TryGetProperty("documentType", out _).ShouldBeTrue();
        fields.TryGetProperty("ownerIdentityNumber", out _).ShouldBeTrue();
        (await app.CountAsync("select count(*) from es_events")).ShouldBe(before);
    }

    /// <summary>The refusal leaves no blob, nothing in staging, no document row and no event.</summary>
    private async Task NothingStoredAsync(Func<Task> refusal)
    {
        var blobs = app.StoredFiles().Blobs.Length;
        var documents = await app.CountAsync("select count(*) from documents");
        var events = await app.CountAsync("select count(*) from es_events where stream_id like 'document-%'");

        await refusal();

        var (after, staging) = app.StoredFiles();
        after.Length.ShouldBe(blobs);
        staging.ShouldBeEmpty();
        (await app.CountAsync("select count(*) from documents")).ShouldBe(documents);
        (await app.CountAsync("select count(*) from es_events where stream_id like 'document-%'")).ShouldBe(events);
    }

    private sealed class RejectingScanner : IContentScanner
    {
        public Task<ScanVerdict> ScanAsync(string path, CancellationToken cancellationToken) =>
            Task.FromResult(new ScanVerdict(false, "EICAR-Test-File"));
    }
}
