using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Onestop.Documents.Tests.Features;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests.Storage;

/// <summary>The host configured with <c>Documents:Store=S3</c>: documents go to the bucket and come back through the REST API.</summary>
public sealed class S3HostTests(S3Peer s3) : IClassFixture<S3Peer>, IAsyncLifetime
{
    private readonly PlatformFactory platform = new();
    private readonly string staging = Directory.CreateTempSubdirectory("onestop-s3-host-").FullName;
    private WebApplicationFactory<Program> host = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)platform).InitializeAsync();
        host = platform.WithWebHostBuilder(builder => builder
            .UseSetting("Documents:StorageRoot", staging)
            .UseSetting("Documents:Store", "S3")
            .UseSetting("Documents:S3:ServiceUrl", s3.ServiceUrl)
            .UseSetting("Documents:S3:Bucket", S3Peer.Bucket)
            .UseSetting("Documents:S3:Prefix", "host/")
            .UseSetting("Documents:S3:AccessKey", S3Peer.AccessKey)
            .UseSetting("Documents:S3:SecretKey", S3Peer.SecretKey));
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await platform.DisposeAsync();
        Directory.Delete(staging, recursive: true);
    }

    [Fact]
    public async Task an_uploaded_document_is_an_object_in_the_bucket_and_downloads_whole_and_by_range()
    {
        using var client = host.CreateClient();
        var bytes = Samples.Pdf(Convert.ToBase64String(RandomNumberGenerator.GetBytes(40_000)));

        using var upload = await DocumentsApp.UploadAsync(client, new ByteArrayContent(bytes), "to-khai-s3.pdf");
        var uploaded = await upload.Content.ReadFromJsonAsync<JsonElement>();
        upload.StatusCode.ShouldBe(HttpStatusCode.Created, uploaded.ToString());
        var id = uploaded.GetProperty("id").GetGuid();
        var sha = uploaded.GetProperty("sha256").GetString()!;

        using (var bucket = s3.Client())
        {
            var listing = await bucket.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3Peer.Bucket, Prefix = "host/" });
            listing.S3Objects.Select(o => (o.Key, o.Size)).ShouldBe([($"host/{sha[..2]}/{sha[2..4]}/{sha}", (long?)bytes.Length)]);
        }

        (await client.GetByteArrayAsync($"/api/documents/{id}/content")).ShouldBe(bytes);
        using var range = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{id}/content") { Headers = { Range = new RangeHeaderValue(100, 199) } };
        using var partial = await client.SendAsync(range);
        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsByteArrayAsync()).ShouldBe(bytes[100..200]);
        Directory.GetFiles(staging, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }
}
