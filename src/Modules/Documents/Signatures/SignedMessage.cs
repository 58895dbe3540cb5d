using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Onestop.Documents.Signatures;

/// <summary>
/// A detached CMS SignedData with one signer, decoded without its content. SignedCms can only check a detached
/// signature against a byte[] it copies, so the digest of the content is compared here with the signed
/// messageDigest and the signature over the signed attributes is checked with the signer's public key.
/// </summary>
internal sealed class SignedMessage
{
    private const string IdData = "1.2.840.113549.1.7.1";
    private const string MessageDigestOid = "1.2.840.113549.1.9.4";
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";

    private static readonly Dictionary<string, HashAlgorithmName> Digests = new()
    {
        ["2.16.840.1.101.3.4.2.1"] = HashAlgorithmName.SHA256,
        ["2.16.840.1.101.3.4.2.2"] = HashAlgorithmName.SHA384,
        ["2.16.840.1.101.3.4.2.3"] = HashAlgorithmName.SHA512,
    };

    // Signature algorithm OID -> (key kind, the hash it names if any). RSA-PSS is checked with MGF1 of the digest and a
    // digest-long salt, what .NET and common signing tools write; other PSS parameters fail as InvalidSignature.
    private static readonly Dictionary<string, (string Key, HashAlgorithmName? Hash)> SignatureAlgorithms = new()
    {
        ["1.2.840.113549.1.1.1"] = ("RSA", null),
        ["1.2.840.113549.1.1.11"] = ("RSA", HashAlgorithmName.SHA256),
        ["1.2.840.113549.1.1.12"] = ("RSA", HashAlgorithmName.SHA384),
        ["1.2.840.113549.1.1.13"] = ("RSA", HashAlgorithmName.SHA512),
        ["1.2.840.113549.1.1.10"] = ("RSA-PSS", null),
        ["1.2.840.10045.2.1"] = ("ECDSA", null),
        ["1.2.840.10045.4.3.2"] = ("ECDSA", HashAlgorithmName.SHA256),
        ["1.2.840.10045.4.3.3"] = ("ECDSA", HashAlgorithmName.SHA384),
        ["1.2.840.10045.4.3.4"] = ("ECDSA", HashAlgorithmName.SHA512),
    };

    private readonly SignerInfo signer;

    private SignedMessage(SignerInfo signer, X509Certificate2 certificate, X509Certificate2Collection certificates, HashAlgorithmName digest)
    {
        this.signer = signer;
        Certificate = certificate;
        Certificates = certificates;
        Digest = digest;
        MessageDigest = SingleValue(signer, MessageDigestOid) is { } digestValue
            ? ReadMessageDigest(digestValue)
            : throw new SignatureRefused(SignatureOutcome.Malformed, SignatureTexts.NoMessageDigest);
        SigningTime = SingleValue(signer, SigningTimeOid) is { } timeValue ? ReadSigningTime(timeValue) : null;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Every certificate the signature carries: the signer's and the intermediates its chain may need.</summary>
    public X509Certificate2Collection Certificates { get; }

    public HashAlgorithmName Digest { get; }

    /// <summary>The content digest the signer signed.</summary>
    public byte[] MessageDigest { get; }

    public DateTimeOffset? SigningTime { get; }

    /// <summary>Decodes DER or PEM ("PKCS7" or RFC 7468's "CMS" label); throws <see cref="SignatureRefused"/>.</summary>
    public static SignedMessage Decode(ReadOnlySpan<byte> signature)
    {
        var cms = new SignedCms();
        try
        {
            cms.Decode(SignatureArmour.Unarmour(signature));
        }
        catch (CryptographicException)
        {
            throw new SignatureRefused(SignatureOutcome.Malformed, SignatureTexts.NotCms);
        }

        // Decoded as attached, a detached message has empty content; embedded content would not be the stored document.
        if (cms.ContentInfo.Content.Length > 0 || cms.ContentInfo.ContentType.Value != IdData)
        {
            throw new SignatureRefused(SignatureOutcome.Malformed, SignatureTexts.NotDetached);
        }

        if (cms.SignerInfos.Count != 1)
        {
            throw new SignatureRefused(SignatureOutcome.Malformed, SignatureTexts.SignerCount(cms.SignerInfos.Count));
        }

        var signer = cms.SignerInfos[0];
        var certificate = signer.Certificate ?? throw new SignatureRefused(SignatureOutcome.Malformed, SignatureTexts.NoCertificate);
        if (!Digests.TryGetValue(signer.DigestAlgorithm.Value ?? "", out var digest))
        {
            throw new SignatureRefused(SignatureOutcome.UnsupportedAlgorithm, SignatureTexts.UnsupportedDigest(Name(signer.DigestAlgorithm)));
        }

        if (!SignatureAlgorithms.ContainsKey(signer.SignatureAlgorithm.Value ?? ""))
        {
            throw new SignatureRefused(SignatureOutcome.UnsupportedAlgorithm, SignatureTexts.UnsupportedSignature(Name(signer.SignatureAlgorithm)));
        }

        return new SignedMessage(signer, certificate, cms.Certificates, digest);
    }

    /// <summary>Whether the signature value verifies over the signed attributes with the signer certificate's key.</summary>
    public bool SignatureMatches() => Verifies(EncodeSignedAttributes(sorted: true)) || Verifies(EncodeSignedAttributes(sorted: false));

    private bool Verifies(byte[] signedAttributes)
    {
        var (key, namedHash) = SignatureAlgorithms[signer.SignatureAlgorithm.Value!];
        if (namedHash is { } hashName && hashName != Digest)
        {
            return false;
        }

        var hash = CryptographicOperations.HashData(Digest, signedAttributes);
        var value = signer.GetSignature();
        if (key == "ECDSA")
        {
            using var ecdsa = Certificate.GetECDsaPublicKey();
            return ecdsa is not null && ecdsa.VerifyHash(hash, value, DSASignatureFormat.Rfc3279DerSequence);
        }

        using var rsa = Certificate.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyHash(hash, value, Digest, key == "RSA" ? RSASignaturePadding.Pkcs1 : RSASignaturePadding.Pss);
    }

    // RFC 5652 §5.4: the signature covers the DER SET OF the signed attributes. Some signers sign them unsorted, in
    // document order, which Windows, OpenSSL and SignedCms accept too; both orders are signer-chosen bytes.
    private byte[] EncodeSignedAttributes(bool sorted)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (sorted ? writer.PushSetOf() : writer.PushSequence())
        {
            foreach (var attribute in signer.SignedAttributes)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(attribute.Oid.Value!);
                    using (writer.PushSetOf())
                    {
                        foreach (var value in attribute.Values)
                        {
                            writer.WriteEncodedValue(value.RawData);
                        }
                    }
                }
            }
        }

        var encoded = writer.Encode();
        encoded[0] = 0x31;
        return encoded;
    }

    private static AsnEncodedData? SingleValue(SignerInfo signer, string oid)
    {
        var found = signer.SignedAttributes.Cast<CryptographicAttributeObject>().Where(a => a.Oid.Value == oid).ToList();
        return found.Count switch
        {
            0 => null,
            1 when found[0].Values.Count == 1 => found[0].Values[0],
            _ => throw new SignatureRefused(SignatureOutcome.Malformed, SignatureTexts.NotCms),
        };
    }

    private static byte[] ReadMessageDigest(AsnEncodedData value)
    {
        var attribute = new Pkcs9MessageDigest();
        attribute.CopyFrom(value);
        return attribute.MessageDigest;
    }

    // Unspecified would be read as the server's local time; the attribute is UTC on the wire.
    private static DateTimeOffset ReadSigningTime(AsnEncodedData value)
    {
        var time = new Pkcs9SigningTime(value.RawData).SigningTime;
        return new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time).ToUniversalTime();
    }

    private static string Name(Oid oid) => string.IsNullOrEmpty(oid.FriendlyName) ? oid.Value ?? "?" : $"{oid.FriendlyName} ({oid.Value})";
}
