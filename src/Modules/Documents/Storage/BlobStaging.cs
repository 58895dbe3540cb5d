using System.Buffers;
using System.Security.Cryptography;

namespace Onestop.Documents.Storage;

/// <summary>What every blob store does with an upload before it commits it: stream it to a local file while hashing it.</summary>
internal static class BlobStaging
{
    private const int BufferSize = 128 * 1024;

    /// <summary>Writes <paramref name="content"/> to <paramref name="staged"/>, hashing as it goes, refusing more than <paramref name="maxBytes"/>, and fsyncs it.</summary>
    public static async Task<(string Sha256, long Size)> StageAsync(Stream content, string staged, long maxBytes, CancellationToken cancellationToken)
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

    /// <summary>The name itself, after checking it is a SHA-256 in lower-case hex (so it is safe in a path or an object key).</summary>
    public static string CheckedName(string sha256) =>
        sha256.Length == 64 && sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            ? sha256
            : throw new ArgumentException($"'{sha256}' is not a SHA-256 in lower-case hex.", nameof(sha256));
}
