using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Onestop.Documents.Tests.Features;

/// <summary>Runs alone: the memory it measures is the whole test process's, where the in-process host runs.</summary>
[CollectionDefinition(nameof(LargeFileTests), DisableParallelization = true)]
public sealed class LargeFileCollection;

[Collection(nameof(LargeFileTests))]
public sealed class LargeFileTests(DocumentsApp app, ITestOutputHelper output) : IClassFixture<DocumentsApp>, IDisposable
{
    private const int Size = 50 * 1024 * 1024;
    private const long FlatLimit = 20 * 1024 * 1024;

    private readonly string source = Path.GetTempFileName();

    [Fact]
    public async Task a_50_mb_upload_and_download_round_trip_keeps_memory_flat()
    {
        var expected = await WriteSampleAsync(source);
        using var client = app.StreamingClient();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakAsync(sampling.Token);

        JsonElement uploaded;
        await using (var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous))
        {
            using var response = await DocumentsApp.UploadAsync(client, new StreamContent(file, 64 * 1024), "ho-so-lon.pdf");
            uploaded = await response.Content.ReadFromJsonAsync<JsonElement>();
            response.StatusCode.ShouldBe(HttpStatusCode.Created, uploaded.ToString());
        }

        var (downloaded, length) = await DownloadHashAsync(client, uploaded.GetProperty("id").GetGuid());
        await sampling.CancelAsync();
        var grown = await peak - baseline;
        output.WriteLine($"managed heap: baseline {baseline / 1024} KiB, peak growth {grown / 1024} KiB");

        uploaded.GetProperty("size").GetInt64().ShouldBe(Size);
        uploaded.GetProperty("sha256").GetString().ShouldBe(expected);
        length.ShouldBe(Size);
        downloaded.ShouldBe(expected);
        grown.ShouldBeLessThan(FlatLimit, $"the managed heap grew by {grown / (1024 * 1024)} MB while moving a 50 MB file");
    }

    public void Dispose() => File.Delete(source);

    /// <summary>A valid PDF header, then bytes from a seeded generator; returns their SHA-256.</summary>
    private static async Task<string> WriteSampleAsync(string path)
    {
        var random = new Random(20260);
        var chunk = new byte[1024 * 1024];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = File.Create(path);
        for (var written = 0; written < Size; written += chunk.Length)
        {
            random.NextBytes(chunk);
            if (written == 0)
            {
                "%PDF-1.7\n"u8.CopyTo(chunk);
            }

            hash.AppendData(chunk);
            await file.WriteAsync(chunk);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<(string Sha256, long Length)> DownloadHashAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/documents/{id}/content", HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }

    /// <summary>
    /// The live managed heap (after a full collection) sampled through the transfer: a body buffered anywhere would
    /// be live at some sample. Garbage is collected first, so allocation churn does not count.
    /// </summary>
    private static async Task<long> SamplePeakAsync(CancellationToken stop)
    {
        long peak = 0;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            await Task.Delay(25, CancellationToken.None);
        }

        return Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
    }
}
