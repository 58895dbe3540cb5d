using System.Net;
using System.Security.Cryptography;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Onestop.Documents.Storage;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests.Storage;

/// <summary>The S3 blob store against a real S3-compatible server: what the file-system store guarantees, it guarantees.</summary>
public sealed class S3BlobStoreTests(S3Peer s3) : IClassFixture<S3Peer>, IDisposable
{
    private readonly string staging = Directory.CreateTempSubdirectory("onestop-s3-staging-").FullName;

    [Fact]
    public async Task a_blob_is_stored_under_its_hash_and_read_back_whole_or_by_range()
    {
        using var store = Store("whole/");
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var stored = await store.PutAsync(new MemoryStream(bytes), 1_000_000, (_, _) => Task.CompletedTask, CancellationToken.None);

        stored.ShouldBe(new StoredBlob(sha, bytes.Length, Deduplicated: false));
        (await KeysAsync("whole/")).ShouldBe([$"whole/{sha[..2]}/{sha[2..4]}/{sha}"]);
        (await store.ExistsAsync(sha, CancellationToken.None)).ShouldBeTrue();
        (await store.VerifyAsync(sha, CancellationToken.None)).ShouldBe(BlobIntegrity.Intact);
        (await ReadAsync(await store.OpenReadAsync(sha, null, CancellationToken.None))).ShouldBe(bytes);
        (await ReadAsync(await store.OpenReadAsync(sha, new BlobRange(299_990, null), CancellationToken.None))).ShouldBe(bytes[299_990..]);
        (await ReadAsync(await store.OpenReadAsync(sha, new BlobRange(10, 19), CancellationToken.None))).ShouldBe(bytes[10..20]);
    }

    [Fact]
    public async Task the_same_bytes_twice_are_one_object()
    {
        using var store = Store("dedup/");
        var bytes = RandomNumberGenerator.GetBytes(5_000);

        var first = await store.PutAsync(new MemoryStream(bytes), 10_000, (_, _) => Task.CompletedTask, CancellationToken.None);
        var second = await store.PutAsync(new MemoryStream(bytes), 10_000, (_, _) => Task.CompletedTask, CancellationToken.None);

        first.Deduplicated.ShouldBeFalse();
        second.ShouldBe(first with { Deduplicated = true });
        (await KeysAsync("dedup/")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_refused_or_oversized_upload_leaves_nothing_in_the_bucket_nor_in_staging()
    {
        using var store = Store("refused/");

        await Should.ThrowAsync<InvalidOperationException>(() => store.PutAsync(new MemoryStream([1, 2, 3]), 10,
            (staged, _) => File.Exists(staged.Path) ? throw new InvalidOperationException("refused") : Task.CompletedTask, CancellationToken.None));
        await Should.ThrowAsync<ContentRefusedException>(() =>
            store.PutAsync(new MemoryStream(new byte[11]), 10, (_, _) => Task.CompletedTask, CancellationToken.None));

        (await KeysAsync("refused/")).ShouldBeEmpty();
        Directory.GetFiles(staging, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_object_changed_in_the_bucket_is_found_corrupted_and_never_opened_and_a_missing_one_is_reported()
    {
        using var store = Store("tampered/");
        var bytes = RandomNumberGenerator.GetBytes(2_000);
        var sha = (await store.PutAsync(new MemoryStream(bytes), 10_000, (_, _) => Task.CompletedTask, CancellationToken.None)).Sha256;
        bytes[1_000] ^= 0xFF;
        using (var client = s3.Client())
        {
            var put = await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = S3Peer.Bucket, Key = $"tampered/{sha[..2]}/{sha[2..4]}/{sha}", InputStream = new MemoryStream(bytes), UseChunkEncoding = false,
            });
            put.HttpStatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await store.VerifyAsync(sha, CancellationToken.None)).ShouldBe(BlobIntegrity.Corrupted);
        (await Should.ThrowAsync<BlobIntegrityException>(() => store.OpenReadAsync(sha, new BlobRange(0, 9), CancellationToken.None)))
            .Integrity.ShouldBe(BlobIntegrity.Corrupted);
        var missing = new string('0', 64);
        (await store.VerifyAsync(missing, CancellationToken.None)).ShouldBe(BlobIntegrity.Missing);
        (await store.ExistsAsync(missing, CancellationToken.None)).ShouldBeFalse();
    }

    public void Dispose() => Directory.Delete(staging, recursive: true);

    private S3BlobStore Store(string prefix) =>
        new(Options.Create(new DocumentOptions { StorageRoot = staging, Store = BlobStoreKind.S3, S3 = s3.Options(prefix) }));

    private async Task<List<string>> KeysAsync(string prefix)
    {
        using var client = s3.Client();
        var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3Peer.Bucket, Prefix = prefix });
        return (listing.S3Objects ?? []).Select(o => o.Key).ToList();
    }

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
