using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Onestop.EventStore.Hashing;

/// <summary>
/// The hash chain that makes tampering evident. Each event's digest covers its type, data and metadata in
/// canonical form; the database chains it: hash(n) = SHA-256(hash(n-1) || digest(n) || recorded-at),
/// starting from hash(0) = SHA-256(stream id).
/// </summary>
public static class EventHash
{
    private static readonly byte[] Separator = [(byte)'\n'];

    public static byte[] Digest(string type, byte[] canonicalData, byte[] canonicalMetadata)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(type));
        sha.AppendData(Separator);
        sha.AppendData(canonicalData);
        sha.AppendData(Separator);
        sha.AppendData(canonicalMetadata);
        return sha.GetHashAndReset();
    }

    public static byte[] Genesis(string streamId) => SHA256.HashData(Encoding.UTF8.GetBytes(streamId));

    /// <summary>recorded-at enters as 8 bytes: big-endian microseconds since 1970-01-01 UTC, as PostgreSQL stores it.</summary>
    public static byte[] Chain(byte[] previous, byte[] digest, DateTimeOffset recordedAt)
    {
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, (recordedAt.UtcTicks - DateTime.UnixEpoch.Ticks) / 10);
        return SHA256.HashData([.. previous, .. digest, .. time]);
    }
}
