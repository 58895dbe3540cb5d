using System.Buffers;
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

    public string StagingFolder => Path.Combine(root, ".staging");

    public async Task<StoredBlob> PutAsync(
        Stream content, long maxBytes, Func<StagedBlob, CancellationToken, Task> inspect, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(StagingFolder);
        var staged = Path.Combine(StagingFolder, $"{Guid.NewGuid():N}.part");
        try
        {
            var (sha256, size) = await StageAsync(content, staged, maxBytes, cancellationToken);
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

    /// <summary>Hashes the whole file before handing it out (two reads), so a corrupted blob fails before any byte is sent.</summary>
    public async Task<Stream> OpenReadAsync(string sha256, BlobRange? range, CancellationToken cancellationToken)
    {
        var integrity = await VerifyAsync(sha256, cancellationToken);
        if (integrity != BlobIntegrity.Intact)
        {
            throw new BlobIntegrityException(sha256, integrity);
        }

        var file = OpenRead(PathOf(sha256));
        return range is null ? file : BoundedReadStream.Of(file, range);
    }

    private static async Task<(string Sha256, long Size)> StageAsync(Stream content, string staged, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long size = 0;
        try
        {
            await using var file = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    throw ContentRefusedException.TooLarge(maxBytes);
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            // Durable before it gets its name: after a crash a blob is either whole or absent.
            file.Flush(flushToDisk: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
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

    private string PathOf(string sha256) =>
        IsSha256(sha256) ? Path.Combine(root, sha256[..2], sha256[2..4], sha256) : throw new ArgumentException($"'{sha256}' is not a SHA-256 in lower-case hex.", nameof(sha256));

    private static bool IsSha256(string value) => value.Length == 64 && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
