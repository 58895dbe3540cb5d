using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Shouldly;

namespace Onestop.Documents.Tests.Features;

/// <summary>An archive package as the archivist opens it: every entry's bytes, read with nothing but System.IO.Compression.</summary>
public sealed record ArchivePackageReader(IReadOnlyDictionary<string, byte[]> Entries)
{
    public JsonElement Manifest => JsonDocument.Parse(Entries["manifest.json"]).RootElement;

    public static async Task<ArchivePackageReader> DownloadAsync(HttpClient client, string dossierCode)
    {
        using var response = await client.GetAsync($"/api/documents/archive/{dossierCode}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        await using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>();
        foreach (var entry in zip.Entries)
        {
            await using var content = entry.Open();
            using var bytes = new MemoryStream();
            await content.CopyToAsync(bytes);
            entries.Add(entry.FullName, bytes.ToArray());
        }

        return new ArchivePackageReader(entries);
    }

    /// <summary>The independent check: each listed document is in the package, with the size and SHA-256 the manifest gives.</summary>
    public void DocumentsMatchTheManifest()
    {
        foreach (var document in Manifest.GetProperty("documents").EnumerateArray())
        {
            var bytes = Entries[document.GetProperty("file").GetString()!];
            Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(document.GetProperty("sha256").GetString());
            bytes.LongLength.ShouldBe(document.GetProperty("size").GetInt64());
        }
    }
}
