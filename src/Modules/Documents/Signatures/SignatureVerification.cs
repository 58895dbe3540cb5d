namespace Onestop.Documents.Signatures;

/// <summary>What checking a detached signature over a document concluded; only <see cref="Valid"/> lets the document be served as signed.</summary>
public enum SignatureOutcome
{
    Valid,

    /// <summary>The signature value does not verify with the signer's public key: a wrong key or altered signature bytes.</summary>
    InvalidSignature,

    /// <summary>The document's digest differs from the one that was signed: the document is not what was signed.</summary>
    ContentMismatch,

    /// <summary>The signer's chain does not reach a configured trusted root.</summary>
    UntrustedSigner,

    /// <summary>A certificate of the chain had expired at the signing time.</summary>
    Expired,

    /// <summary>A certificate of the chain was not yet valid at the signing time.</summary>
    NotYetValid,

    /// <summary>A certificate of the chain is revoked (only reported when revocation checking is configured).</summary>
    Revoked,

    /// <summary>The signature is not a decodable detached CMS/PKCS#7 with one signer and its certificate.</summary>
    Malformed,

    /// <summary>The digest algorithm is one this platform refuses (SHA-1, MD5: collisions can be forged for PDFs).</summary>
    UnsupportedAlgorithm,

    /// <summary>The document is larger than Documents:Signatures:MaxContentBytes and was not checked.</summary>
    ContentTooLarge,
}

/// <summary>
/// The outcome of checking one detached signature, with who signed, when and how; plain properties so it can be
/// stored in an event with System.Text.Json. Signer fields are null when the signature could not be decoded.
/// </summary>
public sealed record SignatureVerification
{
    public required SignatureOutcome Outcome { get; init; }

    /// <summary>Vietnamese sentence for officials, e.g. "Chữ ký số hợp lệ của Nguyễn Văn A (Sở Tư pháp) …".</summary>
    public required string Message { get; init; }

    /// <summary>The signer certificate's common name (CN).</summary>
    public string? SignerName { get; init; }

    /// <summary>The signer certificate's organisation (O).</summary>
    public string? SignerOrganization { get; init; }

    /// <summary>The signer certificate's whole subject, e.g. for the UID holding a tax or ID number.</summary>
    public string? SignerSubject { get; init; }

    public string? IssuerName { get; init; }

    /// <summary>Hexadecimal, as printed on the certificate.</summary>
    public string? CertificateSerialNumber { get; init; }

    /// <summary>SHA-256 of the signer certificate, hexadecimal.</summary>
    public string? CertificateThumbprintSha256 { get; init; }

    /// <summary>The signing-time attribute, as claimed by the signer (not a time-stamp authority).</summary>
    public DateTimeOffset? SigningTime { get; init; }

    /// <summary>The instant the certificate chain was validated at: the signing time when present and not in the future, else the check's time.</summary>
    public DateTimeOffset? ChainValidatedAt { get; init; }

    /// <summary>"SHA256", "SHA384" or "SHA512"; or the refused algorithm's OID.</summary>
    public string? DigestAlgorithm { get; init; }

    /// <summary>SHA-256 of the checked content, hexadecimal, to tie this outcome to the stored bytes; null when the content was not read.</summary>
    public string? ContentSha256 { get; init; }

    public required DateTimeOffset CheckedAt { get; init; }
}
