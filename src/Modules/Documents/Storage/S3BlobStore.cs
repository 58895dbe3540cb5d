using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Onestop.Documents.Storage;

/// <summary>Settings under <c>Documents:S3</c> for an S3-compatible object store (AWS, MinIO, Ceph, a province's cloud).</summary>
public sealed class S3StoreOptions
{
    /// <summary>The endpoint, e.g. https://s3.ap-southeast-1.amazonaws.com or http://minio.local:9000; empty uses AWS's for the region.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string Bucket { get; set; } = "";

    /// <summary>Prepended to every object key, e.g. "onestop/documents/".</summary>
    public string Prefix { get; set; } = "";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Bucket in the path (http://host/bucket/key) rather than the host name: what most S3-compatible stores need.</summary>
    public bool ForcePathStyle { get; set; } = true;
}

/// <summary>
/// Blobs as objects <c>prefix/ab/cd/&lt;sha256&gt;</c> in an S3-compatible bucket. An upload is staged and hashed on local
/// disk (where the inspections read it), then sent with one PUT, which S3 applies atomically: a reader sees the whole
/// object or none. An object already under that name holds the same bytes, so it is not sent again. Reads are verified
/// against the name before the first byte is handed out, as with the file system.
/// </summary>
internal sealed class S3BlobStore : IBlobStore, IDisposable
{
    private const int BufferSize = 128 * 1024;

    private readonly AmazonS3Client client;
    private readonly S3StoreOptions settings;
    private readonly string staging;

    public S3BlobStore(IOptions<DocumentOptions> documents)
    {
        settings = documents.Value.S3;
        staging = Path.Combine(Path.GetFullPath(documents.Value.StorageRoot), ".staging");
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            // Plain requests: not every S3-compatible store understands the SDK's default trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            AuthenticationRegion = settings.Region,
        };
        if (string.IsNullOrWhiteSpace(settings.ServiceUrl))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        }
        else
        {
            config.ServiceURL = settings.ServiceUrl;
        }

        client = settings.AccessKey is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, settings.SecretKey), config)
            : new AmazonS3Client(config);
    }

    public async Task<StoredBlob> PutAsync(
        Stream content, long maxBytes, Func<StagedBlob, CancellationToken, Task> inspect, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(staging);
        var staged = Path.Combine(staging, $"{Guid.NewGuid():N}.part");
        try
        {
            var (sha256, size) = await BlobStaging.StageAsync(content, staged, maxBytes, cancellationToken);
            await inspect(new StagedBlob(staged, sha256, size), cancellationToken);
            if (await ExistsAsync(sha256, cancellationToken))
            {
                return new StoredBlob(sha256, size, Deduplicated: true);
            }

            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = settings.Bucket,
                Key = KeyOf(sha256),
                FilePath = staged,
                ContentType = "application/octet-stream",
                UseChunkEncoding = false,
                DisablePayloadSigning = false,
            }, cancellationToken);
            return new StoredBlob(sha256, size, Deduplicated: false);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetObjectMetadataAsync(settings.Bucket, KeyOf(sha256), cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<BlobIntegrity> VerifyAsync(string sha256, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetObjectAsync(settings.Bucket, KeyOf(sha256), cancellationToken);
            await using var body = response.ResponseStream;
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(body, cancellationToken));
            return actual == sha256 ? BlobIntegrity.Intact : BlobIntegrity.Corrupted;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return BlobIntegrity.Missing;
        }
    }

    /// <summary>
    /// Hashes the whole object before handing it out (two downloads), so a corrupted blob fails before any byte is sent.
    /// The stream seeks (each seek before a read becomes a ranged GET), so HTTP range requests are served from it.
    /// </summary>
    public async Task<Stream> OpenReadAsync(string sha256, BlobRange? range, CancellationToken cancellationToken)
    {
        var integrity = await VerifyAsync(sha256, cancellationToken);
        if (integrity != BlobIntegrity.Intact)
        {
            throw new BlobIntegrityException(sha256, integrity);
        }

        var length = (await client.GetObjectMetadataAsync(settings.Bucket, KeyOf(sha256), cancellationToken)).ContentLength;
        var stream = new BufferedStream(new ObjectStream(client, settings.Bucket, KeyOf(sha256), length), BufferSize);
        return range is null ? stream : BoundedReadStream.Of(stream, range);
    }

    public void Dispose() => client.Dispose();

    private string KeyOf(string sha256)
    {
        var name = BlobStaging.CheckedName(sha256);
        return $"{settings.Prefix}{name[..2]}/{name[2..4]}/{name}";
    }

    /// <summary>
    /// An object read from <see cref="Position"/> on: the GET starts at the first read after a seek, with a byte range
    /// when not at the start, and the response is disposed with the stream.
    /// </summary>
    private sealed class ObjectStream(AmazonS3Client client, string bucket, string key, long length) : Stream
    {
        private GetObjectResponse? response;
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            var target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => position + offset,
                _ => length + offset,
            };
            if (target < 0 || target > length)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }

            if (target != position)
            {
                Close(ref response);
                position = target;
            }

            return position;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position >= length || buffer.Length == 0)
            {
                return 0;
            }

            if (response is null)
            {
                var request = new GetObjectRequest { BucketName = bucket, Key = key };
                if (position > 0)
                {
                    request.ByteRange = new ByteRange($"bytes={position}-");
                }

                response = await client.GetObjectAsync(request, cancellationToken);
            }

            var read = await response.ResponseStream.ReadAsync(buffer, cancellationToken);
            position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Close(ref response);
            }

            base.Dispose(disposing);
        }

        private static void Close(ref GetObjectResponse? open)
        {
            open?.Dispose();
            open = null;
        }
    }
}
