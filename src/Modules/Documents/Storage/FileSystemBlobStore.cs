using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Onestop.Documents.Storage;

/// <summary>
/// Blobs as files <c>root/ab/cd/&lt;sha256&gt;</c>. An upload is written to <c>root/.staging</c> (same file system, so
/// the final rename is atomic), hashed as it streams, fsynced, inspected, then renamed into place; if the name already
/// exists the bytes are the same and the staged copy is dropped. A reader never sees a half-written blob.
/// </summary>
internal sealed class FileSystemBlobStore(IOptions<DocumentOptions> options) : IBlobStore
{
    private const int BufferSize = 128 * 1024;

    private readonly string root = Path.GetFullPath(options.Value.StorageRoot);
    private readonly long verifyFirstUpTo = options.Value.VerifyBeforeReadingUpToBytes;

    public string StagingFolder => Path.Combine(root, ".staging");

    public async Task<StoredBlob> PutAsync(
        Stream content, long maxBytes, Func<StagedBlob, CancellationToken, Task> inspect, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(StagingFolder);
        var staged = Path.Combine(StagingFolder, $"{Guid.NewGuid():N}.part");
        try
        {
            var (sha256, size) = await BlobStaging.StageAsync(content, staged, maxBytes, cancellationToken);
            await inspect(new StagedBlob(staged, sha256, size), cancellationToken);
            var target = PathOf(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            return new StoredBlob(sha256, size, Deduplicated: !TryMove(staged, target));
        }
        finally
        {
            File.Delete(staged);
        }
    }

    public Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(sha256)));

    public async Task<BlobIntegrity> VerifyAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            return BlobIntegrity.Missing;
        }

        await using var file = OpenRead(path);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        return actual == sha256 ? BlobIntegrity.Intact : BlobIntegrity.Corrupted;
    }

    /// <summary>
    /// A small blob, or a range, is hashed in full before it is handed out (two reads), so a corrupted blob fails before
    /// any byte is sent; a large blob read whole is hashed as it is read and fails before its last bytes.
    /// </summary>
    public async Task<Stream> OpenReadAsync(string sha256, BlobRange? range, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        if (range is null && new FileInfo(path) is { Exists: true } blob && blob.Length > verifyFirstUpTo)
        {
            return new HashCheckingReadStream(OpenRead(path), sha256);
        }

        var integrity = await VerifyAsync(sha256, cancellationToken);
        if (integrity != BlobIntegrity.Intact)
        {
            throw new BlobIntegrityException(sha256, integrity);
        }

        var file = OpenRead(path);
        return range is null ? file : BoundedReadStream.Of(file, range);
    }

    /// <summary>False when a blob of that name exists already (an earlier or concurrent upload of the same bytes).</summary>
    private static bool TryMove(string staged, string target)
    {
        try
        {
            File.Move(staged, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            return false;
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private string PathOf(string sha256)
    {
        var name = BlobStaging.CheckedName(sha256);
        return Path.Combine(root, name[..2], name[2..4], name);
    }
}
