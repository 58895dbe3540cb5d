using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Onestop.Documents.Storage;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests.Storage;

public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("onestop-store-").FullName;
    private readonly FileSystemBlobStore store;

    public FileSystemBlobStoreTests() => store = new FileSystemBlobStore(Options.Create(new DocumentOptions { StorageRoot = root }));

    [Fact]
    public async Task a_blob_is_stored_under_its_hash_and_read_back_whole_or_by_range()
    {
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var stored = await store.PutAsync(new MemoryStream(bytes), 10_000, (_, _) => Task.CompletedTask, CancellationToken.None);

        stored.ShouldBe(new StoredBlob(sha, 1000, Deduplicated: false));
        File.Exists(Path.Combine(root, sha[..2], sha[2..4], sha)).ShouldBeTrue();
        (await store.ExistsAsync(sha, CancellationToken.None)).ShouldBeTrue();
        (await ReadAsync(await store.OpenReadAsync(sha, null, CancellationToken.None))).ShouldBe(bytes);
        (await ReadAsync(await store.OpenReadAsync(sha, new BlobRange(990, null), CancellationToken.None))).ShouldBe(bytes[990..]);
        (await ReadAsync(await store.OpenReadAsync(sha, new BlobRange(10, 19), CancellationToken.None))).ShouldBe(bytes[10..20]);
    }

    [Fact]
    public async Task a_large_blob_is_read_once_and_a_corruption_fails_the_read_before_its_last_bytes_are_handed_out()
    {
        var large = new FileSystemBlobStore(Options.Create(new DocumentOptions { StorageRoot = root, VerifyBeforeReadingUpToBytes = 1024 }));
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var sha = (await large.PutAsync(new MemoryStream(bytes), 1_000_000, (_, _) => Task.CompletedTask, CancellationToken.None)).Sha256;

        await using (var intact = await large.OpenReadAsync(sha, null, CancellationToken.None))
        {
            intact.ShouldBeOfType<HashCheckingReadStream>();
            (await ReadAsync(intact)).ShouldBe(bytes);
        }

        await using (var seeking = await large.OpenReadAsync(sha, null, CancellationToken.None))
        {
            seeking.Seek(299_990, SeekOrigin.Begin);
            (await ReadAsync(seeking)).ShouldBe(bytes[299_990..]);
        }

        var path = Path.Combine(root, sha[..2], sha[2..4], sha);
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Seek(150_000, SeekOrigin.Begin);
            file.WriteByte((byte)(bytes[150_000] ^ 0x01));
        }

        await using var corrupted = await large.OpenReadAsync(sha, null, CancellationToken.None);
        var handedOut = 0L;
        var buffer = new byte[64 * 1024];
        var failure = await Should.ThrowAsync<BlobIntegrityException>(async () =>
        {
            int read;
            while ((read = await corrupted.ReadAsync(buffer)) > 0)
            {
                handedOut += read;
            }
        });
        failure.Integrity.ShouldBe(BlobIntegrity.Corrupted);
        handedOut.ShouldBeLessThan(bytes.Length, "the reader never gets the whole file");
        await using var ranged = await large.OpenReadAsync(sha, null, CancellationToken.None);
        Should.Throw<BlobIntegrityException>(() => ranged.Seek(10, SeekOrigin.Begin)).Integrity.ShouldBe(BlobIntegrity.Corrupted);
    }

    [Fact]
    public async Task an_inspection_that_throws_leaves_nothing_stored_nor_staged()
    {
        await Should.ThrowAsync<InvalidOperationException>(() => store.PutAsync(new MemoryStream([1, 2, 3]), 10,
            (staged, _) => File.Exists(staged.Path) ? throw new InvalidOperationException("refused") : Task.CompletedTask, CancellationToken.None));
        await Should.ThrowAsync<ContentRefusedException>(() => store.PutAsync(new MemoryStream(new byte[11]), 10, (_, _) => Task.CompletedTask, CancellationToken.None));

        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_missing_blob_is_reported_and_not_opened()
    {
        var sha = new string('0', 64);

        (await store.VerifyAsync(sha, CancellationToken.None)).ShouldBe(BlobIntegrity.Missing);
        (await Should.ThrowAsync<BlobIntegrityException>(() => store.OpenReadAsync(sha, null, CancellationToken.None))).Integrity.ShouldBe(BlobIntegrity.Missing);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static async Task<byte[]> ReadAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}
