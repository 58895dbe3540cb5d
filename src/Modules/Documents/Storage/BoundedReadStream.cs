namespace Onestop.Documents.Storage;

/// <summary>A read-only window over a seekable stream: a blob range, ending where the range ends.</summary>
internal sealed class BoundedReadStream : Stream
{
    private readonly Stream inner;
    private long remaining;

    private BoundedReadStream(Stream inner, long length)
    {
        this.inner = inner;
        remaining = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public static Stream Of(Stream file, BlobRange range)
    {
        var last = Math.Min(range.To ?? long.MaxValue, file.Length - 1);
        if (range.From < 0 || range.From > last)
        {
            file.Dispose();
            throw new ArgumentOutOfRangeException(nameof(range), $"Range {range.From}-{range.To} is outside the blob of {file.Length} bytes.");
        }

        file.Seek(range.From, SeekOrigin.Begin);
        return new BoundedReadStream(file, last - range.From + 1);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
        remaining -= read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, remaining)], cancellationToken);
        remaining -= read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
