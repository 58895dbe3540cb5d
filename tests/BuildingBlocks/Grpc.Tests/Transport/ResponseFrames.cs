using System.Buffers.Binary;
using System.IO.Compression;

namespace Onestop.Grpc.Tests.Transport;

/// <summary>Splits a response body into its length-prefixed messages, inflating compressed ones.</summary>
public static class ResponseFrames
{
    public static IReadOnlyList<(bool Compressed, byte[] Message)> Read(byte[] body)
    {
        var messages = new List<(bool, byte[])>();
        var offset = 0;
        while (offset < body.Length)
        {
            var compressed = body[offset] == 1;
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1));
            var payload = body.AsSpan(offset + 5, length).ToArray();
            messages.Add((compressed, compressed ? Gunzip(payload) : payload));
            offset += 5 + length;
        }

        return messages;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
