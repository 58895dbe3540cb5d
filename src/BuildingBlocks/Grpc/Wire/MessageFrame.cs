using System.Buffers;
using System.Buffers.Binary;

namespace Onestop.Grpc.Wire;

/// <summary>
/// The length-prefixed message of gRPC: one flag byte (1 = compressed), a 4-byte big-endian length, the bytes.
/// HTTP/2 may split a frame across DATA frames anywhere, the prefix included, so parsing works on a sequence
/// that may hold part of a frame, one frame or several.
/// </summary>
internal static class MessageFrame
{
    public const int PrefixLength = 5;

    public enum ParseResult
    {
        /// <summary>A whole message was read; the buffer now starts after it.</summary>
        Message,
        /// <summary>More bytes are needed; the buffer is unchanged.</summary>
        Incomplete,
        /// <summary>The prefix announces more than the receive limit allows.</summary>
        TooLarge,
        /// <summary>The flag byte is neither 0 nor 1.</summary>
        InvalidFlag,
    }

    public static ParseResult TryRead(
        ref ReadOnlySequence<byte> buffer, int maxMessageSize, out bool compressed, out ReadOnlySequence<byte> payload, out uint announcedLength)
    {
        compressed = false;
        payload = default;
        announcedLength = 0;
        if (buffer.Length < PrefixLength)
        {
            return ParseResult.Incomplete;
        }

        Span<byte> copy = stackalloc byte[PrefixLength];
        scoped ReadOnlySpan<byte> prefix;
        if (buffer.FirstSpan.Length >= PrefixLength)
        {
            prefix = buffer.FirstSpan[..PrefixLength];
        }
        else
        {
            buffer.Slice(0, PrefixLength).CopyTo(copy);
            prefix = copy;
        }

        if (prefix[0] > 1)
        {
            return ParseResult.InvalidFlag;
        }

        compressed = prefix[0] == 1;
        announcedLength = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (announcedLength > (uint)maxMessageSize)
        {
            return ParseResult.TooLarge;
        }

        if (buffer.Length - PrefixLength < announcedLength)
        {
            return ParseResult.Incomplete;
        }

        payload = buffer.Slice(PrefixLength, announcedLength);
        buffer = buffer.Slice(payload.End);
        return ParseResult.Message;
    }

    public static void WritePrefix(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }
}
