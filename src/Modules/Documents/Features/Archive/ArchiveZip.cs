using System.IO.Compression;
using System.Text;
using Onestop.Catalogue.Domain;
using Onestop.Documents.Storage;

namespace Onestop.Documents.Features.Archive;

/// <summary>
/// Writes the package as a ZIP to a temporary file, then hands that file out to be streamed. ZipArchive writes
/// synchronously (the central directory on dispose), which the response body refuses; a file also lets a blob
/// failing half-way answer 409 before any byte is sent. Only 128 KiB buffers are in memory, never the package.
/// </summary>
internal static class ArchiveZip
{
    public const string ManifestEntry = "manifest.json";
    public const string ReadmeEntry = "README.txt";

    public static async Task<FileStream> WriteToTemporaryFileAsync(ArchivePackage package, IBlobStore store, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"onestop-archive-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 128 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await WriteAsync(package, store, file, cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task WriteAsync(ArchivePackage package, IBlobStore store, Stream output, CancellationToken cancellationToken)
    {
        // Every entry carries the time the result was returned, so the same dossier always gives the same entries.
        var stamp = TimeZoneInfo.ConvertTime(package.ReturnedAt, VietnamTime.Zone);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        await AddAsync(zip, ManifestEntry, stamp, package.Manifest, cancellationToken);
        await AddAsync(zip, ArchiveManifest.HistoryEntry, stamp, package.History, cancellationToken);
        await AddAsync(zip, ReadmeEntry, stamp, Encoding.UTF8.GetBytes(ArchiveReadme.For(package)), cancellationToken);
        foreach (var document in package.Documents)
        {
            // A large blob is checked as it is copied: its failure comes from the copy, not the open.
            try
            {
                await using var content = await store.OpenReadAsync(document.Sha256, range: null, cancellationToken);
                // Documents are mostly PDF and images, compressed already: stored as they are.
                var entry = zip.CreateEntry(document.Entry, CompressionLevel.NoCompression);
                entry.LastWriteTime = stamp;
                await using var target = entry.Open();
                await content.CopyToAsync(target, 128 * 1024, cancellationToken);
            }
            catch (BlobIntegrityException e)
            {
                throw GetArchivePackageHandler.Unusable(package.DossierCode, document.FileName, e.Integrity);
            }
        }
    }

    private static async Task AddAsync(ZipArchive zip, string name, DateTimeOffset stamp, byte[] bytes, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp;
        await using var target = entry.Open();
        await target.WriteAsync(bytes, cancellationToken);
    }
}
