using System.Security.Cryptography;

namespace Onestop.Documents.Storage;

/// <summary>
/// A blob read once: hashed as it is read, and checked against its name before the read that would deliver its last
/// bytes returns. A corrupted blob therefore fails before its final bytes reach the reader, so a download of it ends
/// short of its Content-Length and the client sees a broken transfer, never a complete file. A reader that seeks (a
/// Range request) gets the whole blob verified first, as a separate read, and then reads where it asked.
/// </summary>
internal sealed class HashCheckingReadStream : Stream
{
    private readonly FileStream inner;
    private readonly string sha256;
    private readonly long length;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long hashed;
    private bool verified;

    public HashCheckingReadStream(FileStream inner, string sha256)
    {
        this.inner = inner;
        this.sha256 = sha256;
        length = inner.Length;
        Refusal = integrity => new BlobIntegrityException(sha256, integrity);
    }

    /// <summary>What a failed check throws: the reader's own error (a problem naming the document) or, unset, the store's.</summary>
    public Func<BlobIntegrity, Exception> Refusal { get; set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => inner.Position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Check(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Check(buffer[..read]);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => inner.Position + offset,
            _ => length + offset,
        };
        // Any seek, even to where the reader is, means random access (a Range request seeks to its start, 0 included):
        // the reader may stop before the end, where the sequential check would happen.
        if (!verified)
        {
            VerifyWhole();
        }

        return inner.Seek(target, SeekOrigin.Begin);
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
            inner.Dispose();
            hash.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        hash.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Adds what was just read to the hash; at the end, compares before those bytes are handed out.</summary>
    private void Check(ReadOnlySpan<byte> read)
    {
        if (verified)
        {
            return;
        }

        hash.AppendData(read);
        hashed += read.Length;
        if (hashed >= length || (read.Length == 0 && hashed < length))
        {
            if (hashed != length || Convert.ToHexStringLower(hash.GetHashAndReset()) != sha256)
            {
                throw Refusal(BlobIntegrity.Corrupted);
            }

            verified = true;
        }
    }

    /// <summary>A seek leaves the sequential hash behind: the whole blob is hashed through a second handle instead.</summary>
    private void VerifyWhole()
    {
        using var whole = new FileStream(inner.Name, FileMode.Open, FileAccess.Read, FileShare.Read, 128 * 1024, FileOptions.SequentialScan);
        if (whole.Length != length || Convert.ToHexStringLower(SHA256.HashData(whole)) != sha256)
        {
            throw Refusal(BlobIntegrity.Corrupted);
        }

        verified = true;
    }
}
