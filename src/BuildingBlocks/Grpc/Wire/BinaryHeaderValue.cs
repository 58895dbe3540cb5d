namespace Onestop.Grpc.Wire;

/// <summary>
/// Values of "-bin" headers are base64. Peers may send them padded or unpadded, and may join several values
/// with commas; we accept all of these and send unpadded, as the protocol recommends.
/// </summary>
internal static class BinaryHeaderValue
{
    public static string Encode(ReadOnlySpan<byte> value) => Convert.ToBase64String(value).TrimEnd('=');

    public static bool TryDecode(string value, out byte[] bytes)
    {
        var text = value.Trim();
        var padding = (4 - text.Length % 4) % 4;
        if (padding == 3)
        {
            bytes = [];
            return false;
        }

        try
        {
            bytes = Convert.FromBase64String(padding == 0 ? text : text + new string('=', padding));
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
