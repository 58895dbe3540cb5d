using Microsoft.AspNetCore.Hosting;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests.Features;

public sealed class StorageTests(DocumentsApp app) : IClassFixture<DocumentsApp>
{
    [Fact]
    public async Task identical_content_uploaded_twice_is_stored_once_for_two_documents()
    {
        var bytes = Samples.Pdf("giống hệt nhau");
        var blobs = app.StoredFiles().Blobs.Length;

        var first = await app.UploadOkAsync(bytes, "lan-1.pdf");
        var second = await app.UploadOkAsync(bytes, "lan-2.pdf");

        app.StoredFiles().Blobs.Length.ShouldBe(blobs + 1);
        second.GetProperty("sha256").GetString().ShouldBe(first.GetProperty("sha256").GetString());
        second.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        second.GetProperty("id").GetGuid().ShouldNotBe(first.GetProperty("id").GetGuid());
        second.GetProperty("deduplicated").GetBoolean().ShouldBeTrue();
        (await app.CountAsync("select count(*) from documents where sha256 = @sha", new { sha = first.GetProperty("sha256").GetString() })).ShouldBe(2);
    }

    [Fact]
    public async Task a_corrupted_blob_is_never_served_and_the_document_read_reports_it()
    {
        var bytes = Samples.Pdf("sẽ bị hỏng");
        var uploaded = await app.UploadOkAsync(bytes, "hong.pdf");
        var id = uploaded.GetProperty("id").GetGuid();
        var sha = uploaded.GetProperty("sha256").GetString()!;
        (await MetadataAsync(id)).GetProperty("integrity").GetString().ShouldBe("intact");

        var path = Path.Combine(app.BlobRoot, sha[..2], sha[2..4], sha);
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Seek(bytes.Length / 2, SeekOrigin.Begin);
            var original = file.ReadByte();
            file.Seek(-1, SeekOrigin.Current);
            file.WriteByte((byte)(original ^ 0xFF));
        }

        using var download = await app.Client.GetAsync($"/api/documents/{id}/content");
        var problem = await DocumentsApp.ProblemAsync(download, HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("document.content_corrupted");
        using var range = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{id}/content") { Headers = { Range = new RangeHeaderValue(0, 9) } };
        (await app.Client.SendAsync(range)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await MetadataAsync(id)).GetProperty("integrity").GetString().ShouldBe("corrupted");
    }

    [Fact]
    public async Task a_large_corrupted_blob_read_as_it_streams_ends_the_download_short_and_a_range_of_it_is_refused()
    {
        var streaming = app.ClientOf(host => host.UseSetting("Documents:VerifyBeforeReadingUpToBytes", "1024"));
        TestOfficial.Administrator.ApplyTo(streaming);
        var bytes = Samples.Pdf(new string('s', 400_000));
        var uploaded = await app.UploadOkAsync(bytes, "lon.pdf", streaming);
        var id = uploaded.GetProperty("id").GetGuid();
        var sha = uploaded.GetProperty("sha256").GetString()!;
        (await streaming.GetByteArrayAsync($"/api/documents/{id}/content")).ShouldBe(bytes);

        var path = Path.Combine(app.BlobRoot, sha[..2], sha[2..4], sha);
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Seek(bytes.Length / 2, SeekOrigin.Begin);
            file.WriteByte((byte)(bytes[bytes.Length / 2] ^ 0xFF));
        }

        using var download = await streaming.GetAsync($"/api/documents/{id}/content", HttpCompletionOption.ResponseHeadersRead);
        download.StatusCode.ShouldBe(HttpStatusCode.OK, "the check ends as the last bytes are read, after the response has begun");
        var received = new MemoryStream();
        await Should.ThrowAsync<Exception>(async () => await (await download.Content.ReadAsStreamAsync()).CopyToAsync(received));
        received.Length.ShouldBeLessThan(bytes.Length, "a corrupted file never arrives whole");
        using var range = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{id}/content") { Headers = { Range = new RangeHeaderValue(0, 9) } };
        var problem = await DocumentsApp.ProblemAsync(await streaming.SendAsync(range), HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("document.content_corrupted");
    }

    [Fact]
    public async Task a_range_gives_206_with_those_bytes_and_an_unsatisfiable_range_416()
    {
        var bytes = Samples.Pdf(new string('r', 500));
        var uploaded = await app.UploadOkAsync(bytes, "range.pdf");
        var id = uploaded.GetProperty("id").GetGuid();

        using var first = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{id}/content") { Headers = { Range = new RangeHeaderValue(0, 99) } };
        using var partial = await app.Client.SendAsync(first);
        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsByteArrayAsync()).ShouldBe(bytes[..100]);
        partial.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes 0-99/{bytes.Length}");
        partial.Headers.ETag!.Tag.ShouldBe($"\"{uploaded.GetProperty("sha256").GetString()}\"");

        using var beyond = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{id}/content")
        {
            Headers = { Range = new RangeHeaderValue(bytes.Length + 10, bytes.Length + 20) },
        };
        using var unsatisfiable = await app.Client.SendAsync(beyond);
        unsatisfiable.StatusCode.ShouldBe(HttpStatusCode.RequestedRangeNotSatisfiable);

        using var whole = await app.Client.GetAsync($"/api/documents/{id}/content");
        whole.StatusCode.ShouldBe(HttpStatusCode.OK);
        whole.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await whole.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }

    private async Task<JsonElement> MetadataAsync(Guid id)
    {
        using var response = await app.Client.GetAsync($"/api/documents/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
