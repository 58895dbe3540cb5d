namespace Onestop.Documents.Storage;

/// <summary>A blob in the store: its SHA-256 (lower-case hex) and size; <c>Deduplicated</c> when the same bytes were already stored.</summary>
internal sealed record StoredBlob(string Sha256, long Size, bool Deduplicated);

/// <summary>An upload written to local staging and hashed, not yet committed: what inspections (media type, virus scan) read.</summary>
internal sealed record StagedBlob(string Path, string Sha256, long Size);

/// <summary>Bytes <c>From</c> to <c>To</c> inclusive (HTTP range semantics); <c>To</c> null reads to the end.</summary>
internal sealed record BlobRange(long From, long? To);

internal enum BlobIntegrity
{
    Intact,
    Corrupted,
    Missing,
}

/// <summary>The stored bytes do not hash to their name, or are gone: they must never be served as the document.</summary>
internal sealed class BlobIntegrityException(string sha256, BlobIntegrity integrity)
    : Exception($"Blob {sha256} is {integrity.ToString().ToLowerInvariant()}.")
{
    public string Sha256 { get; } = sha256;

    public BlobIntegrity Integrity { get; } = integrity;
}

/// <summary>
/// Content-addressed storage: a blob is named by the SHA-256 of its bytes, so identical content is stored once.
/// The file system is the default (<see cref="FileSystemBlobStore"/>); <c>Documents:Store=S3</c> selects an
/// S3-compatible bucket (<see cref="S3BlobStore"/>, docs/documents.md).
/// </summary>
internal interface IBlobStore
{
    /// <summary>
    /// Streams <paramref name="content"/> to staging while hashing it, refusing more than <paramref name="maxBytes"/>;
    /// then runs <paramref name="inspect"/> on the staged copy, and commits it under its hash only if that does not throw.
    /// </summary>
    Task<StoredBlob> PutAsync(Stream content, long maxBytes, Func<StagedBlob, CancellationToken, Task> inspect, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Re-hashes the stored bytes.</summary>
    Task<BlobIntegrity> VerifyAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>The content, verified against its hash before the first byte is returned; throws <see cref="BlobIntegrityException"/> otherwise.</summary>
    Task<Stream> OpenReadAsync(string sha256, BlobRange? range, CancellationToken cancellationToken);
}
