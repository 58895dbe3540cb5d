using System.Security.Cryptography;
using System.Text;

namespace Onestop.Documents.Signatures;

/// <summary>A refusal found while reading the signature, before any certificate chain is looked at.</summary>
internal sealed class SignatureRefused(SignatureOutcome outcome, string message) : Exception(message)
{
    public SignatureOutcome Outcome { get; } = outcome;
}

/// <summary>Signatures arrive as DER or PEM-armoured; the verifier reads DER.</summary>
internal static class SignatureArmour
{
    /// <summary>The DER of a PEM "PKCS7" or RFC 7468 "CMS" block; anything not starting like PEM is taken as DER already.</summary>
    public static byte[] Unarmour(ReadOnlySpan<byte> signature)
    {
        if (!signature.TrimStart(" \t\r\n"u8).StartsWith("-----BEGIN"u8))
        {
            return signature.ToArray();
        }

        var text = Encoding.ASCII.GetString(signature);
        if (!PemEncoding.TryFind(text, out var pem))
        {
            throw new SignatureRefused(SignatureOutcome.Malformed, SignatureTexts.NotCms);
        }

        var label = text.AsSpan()[pem.Label];
        var base64 = text.AsSpan()[pem.Base64Data];
        var der = new byte[pem.DecodedDataLength];
        return (label is "PKCS7" or "CMS") && Convert.TryFromBase64Chars(base64, der, out var written) && written == der.Length
            ? der
            : throw new SignatureRefused(SignatureOutcome.Malformed, SignatureTexts.NotCms);
    }
}
