using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Onestop.Documents.Tests.Signatures;

/// <summary>A root CA, an intermediate CA and signer certificates made in memory, and detached CMS signatures made with them.</summary>
internal sealed class TestPki
{
    public static readonly DateTimeOffset ValidFrom = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ValidTo = new(2034, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private TestPki(X509Certificate2 root, X509Certificate2 intermediate)
    {
        Root = root;
        Intermediate = intermediate;
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public static TestPki Create(string name)
    {
        using var rootKey = RSA.Create(2048);
        var root = SelfSigned($"CN={name} Root CA, O={name}, C=VN", rootKey);
        using var intermediateKey = RSA.Create(2048);
        var intermediate = Issue(root, Request($"CN={name} Issuing CA, O={name}, C=VN", intermediateKey, ca: true), ValidFrom, ValidTo)
            .CopyWithPrivateKey(intermediateKey);
        return new TestPki(root, intermediate);
    }

    /// <summary>A signer certificate with an RSA key, issued by the intermediate CA.</summary>
    public X509Certificate2 Signer(string subject, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null,
        X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)
    {
        using var key = RSA.Create(2048);
        var request = Request(subject, key, ca: false, usage);
        return Issue(Intermediate, request, notBefore ?? ValidFrom, notAfter ?? ValidTo).CopyWithPrivateKey(key);
    }

    public X509Certificate2 EcdsaSigner(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        return Issue(Intermediate, request, ValidFrom, ValidTo).CopyWithPrivateKey(key);
    }

    /// <summary>A detached signature over <paramref name="content"/>, carrying the whole chain and a signing-time attribute.</summary>
    public static byte[] Sign(byte[] content, X509Certificate2 signer, DateTimeOffset signingTime, X509Certificate2[] chain,
        string digestOid = "2.16.840.1.101.3.4.2.1", RSASignaturePadding? padding = null, bool detached = true)
    {
        var cms = new SignedCms(new ContentInfo(content), detached);
        var cmsSigner = padding is null
            ? new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
            : new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer, signer.GetRSAPrivateKey(), padding);
        cmsSigner.DigestAlgorithm = new Oid(digestOid);
        cmsSigner.IncludeOption = X509IncludeOption.WholeChain;
        cmsSigner.Certificates.AddRange(chain);
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(signingTime.UtcDateTime));
        cms.ComputeSignature(cmsSigner, silent: true);
        return cms.Encode();
    }

    private static X509Certificate2 SelfSigned(string subject, RSA key) =>
        Request(subject, key, ca: true).CreateSelfSigned(ValidFrom.AddYears(-4), ValidTo.AddYears(6));

    private static CertificateRequest Request(string subject, RSA key, bool ca, X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(ca ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : usage, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F; // a positive serial, as RFC 5280 requires
        // The CAs are RSA; a generator lets them issue for an ECDSA key too.
        var generator = X509SignatureGenerator.CreateForRSA(issuer.GetRSAPrivateKey()!, RSASignaturePadding.Pkcs1);
        return request.Create(issuer.SubjectName, generator, notBefore, notAfter, serial);
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
