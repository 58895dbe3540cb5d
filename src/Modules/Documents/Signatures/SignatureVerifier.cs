using System.Buffers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Onestop.Documents.Signatures;

/// <summary>
/// Checks a detached CMS/PKCS#7 signature over a document read once as a stream, and the signer's chain against the
/// configured trusted roots at the signing time (see docs/signatures.md). Pure: no database, no network by default.
/// </summary>
internal sealed class SignatureVerifier(IOptions<SignatureOptions> options, TimeProvider clock)
{
    private const int ChunkBytes = 128 * 1024;
    private const X509ChainStatusFlags TimeFlags = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;

    private readonly SignatureOptions settings = options.Value;
    private readonly X509Certificate2Collection roots = TrustedRoots.Load(options.Value);

    public async Task<SignatureVerification> VerifyAsync(Stream content, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken = default)
    {
        var checkedAt = clock.GetUtcNow();
        var result = new SignatureVerification { Outcome = SignatureOutcome.Malformed, Message = SignatureTexts.NotCms, CheckedAt = checkedAt };
        SignedMessage message;
        try
        {
            message = SignedMessage.Decode(signature.Span);
        }
        catch (SignatureRefused refused)
        {
            return result with { Outcome = refused.Outcome, Message = refused.Message };
        }

        result = Describe(result, message);
        if (!message.SignatureMatches())
        {
            return result with { Outcome = SignatureOutcome.InvalidSignature, Message = SignatureTexts.InvalidSignature };
        }

        if (await DigestAsync(content, message.Digest, cancellationToken) is not var (digest, sha256))
        {
            return result with { Outcome = SignatureOutcome.ContentTooLarge, Message = SignatureTexts.TooLarge(settings.MaxContentBytes) };
        }

        result = result with { ContentSha256 = Convert.ToHexStringLower(sha256) };
        if (!CryptographicOperations.FixedTimeEquals(digest, message.MessageDigest))
        {
            return result with { Outcome = SignatureOutcome.ContentMismatch, Message = SignatureTexts.ContentMismatch };
        }

        // The signing time is the signer's own claim; one in the future is not believed, so the chain is checked now.
        var at = message.SigningTime is { } signed && signed <= checkedAt ? signed : checkedAt;
        result = result with { ChainValidatedAt = at };
        var (outcome, text) = CheckChain(message, at);
        return result with { Outcome = outcome, Message = text };
    }

    private (SignatureOutcome, string) CheckChain(SignedMessage message, DateTimeOffset at)
    {
        if (message.Certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
            && (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
        {
            return (SignatureOutcome.UntrustedSigner, SignatureTexts.NotForSigning);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.ExtraStore.AddRange(message.Certificates);
        chain.ChainPolicy.RevocationMode = settings.RevocationMode;
        chain.ChainPolicy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (chain.Build(message.Certificate))
        {
            return (SignatureOutcome.Valid, SignatureTexts.Valid(SignerLabel(message.Certificate), message.SigningTime));
        }

        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        if (flags.HasFlag(X509ChainStatusFlags.Revoked))
        {
            return (SignatureOutcome.Revoked, SignatureTexts.Revoked);
        }

        // Trust is decided before time: an expired certificate of an unknown CA is first of all unknown.
        if ((flags & ~TimeFlags) != 0)
        {
            return (SignatureOutcome.UntrustedSigner, SignatureTexts.UntrustedSigner);
        }

        var outOfTime = chain.ChainElements.First(e => e.ChainElementStatus.Any(s => (s.Status & TimeFlags) != 0)).Certificate;
        return outOfTime.NotBefore.ToUniversalTime() > at.UtcDateTime
            ? (SignatureOutcome.NotYetValid, SignatureTexts.NotYetValid(outOfTime))
            : (SignatureOutcome.Expired, SignatureTexts.Expired(outOfTime));
    }

    /// <summary>The signed digest and a SHA-256 of the content in one pass; null past the size limit.</summary>
    private async Task<(byte[] Digest, byte[] Sha256)?> DigestAsync(Stream content, HashAlgorithmName algorithm, CancellationToken cancellationToken)
    {
        if (content.CanSeek && content.Length - content.Position > settings.MaxContentBytes)
        {
            return null;
        }

        using var digest = IncrementalHash.CreateHash(algorithm);
        using var sha256 = algorithm == HashAlgorithmName.SHA256 ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                total += read;
                if (total > settings.MaxContentBytes)
                {
                    return null;
                }

                digest.AppendData(buffer, 0, read);
                sha256?.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var signed = digest.GetHashAndReset();
        return (signed, sha256?.GetHashAndReset() ?? signed);
    }

    private static SignatureVerification Describe(SignatureVerification result, SignedMessage message)
    {
        var certificate = message.Certificate;
        return result with
        {
            SignerName = certificate.GetNameInfo(X509NameType.SimpleName, false),
            SignerOrganization = Organization(certificate.SubjectName),
            SignerSubject = certificate.Subject,
            IssuerName = certificate.GetNameInfo(X509NameType.SimpleName, true),
            CertificateSerialNumber = certificate.SerialNumber,
            CertificateThumbprintSha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256),
            SigningTime = message.SigningTime,
            DigestAlgorithm = message.Digest.Name,
        };
    }

    private static string SignerLabel(X509Certificate2 certificate) =>
        Organization(certificate.SubjectName) is { } organization
            ? $"{certificate.GetNameInfo(X509NameType.SimpleName, false)} ({organization})"
            : certificate.GetNameInfo(X509NameType.SimpleName, false);

    private static string? Organization(X500DistinguishedName name) => name.EnumerateRelativeDistinguishedNames()
        .Where(rdn => !rdn.HasMultipleElements && rdn.GetSingleElementType().Value == "2.5.4.10")
        .Select(rdn => rdn.GetSingleElementValue())
        .FirstOrDefault();
}
