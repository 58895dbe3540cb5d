using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Onestop.Documents.Signatures;
using Onestop.EventStore;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests.Signatures;

/// <summary>Runs alone: the 20 MB test counts the whole process's allocations, which other tests running meanwhile would add to.</summary>
[CollectionDefinition(nameof(SignatureVerifierTests), DisableParallelization = true)]
public sealed class SignatureVerifierCollection;

[Collection(nameof(SignatureVerifierTests))]
public sealed class SignatureVerifierTests
{
    private const string Official = "CN=Nguyễn Văn An, O=Sở Tư pháp tỉnh Hà Tĩnh, C=VN";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SignedAt = new(2026, 3, 9, 2, 30, 0, TimeSpan.Zero);
    private static readonly TestPki Trusted = TestPki.Create("Cơ quan chứng thực thử nghiệm");
    private static readonly TestPki Unknown = TestPki.Create("Tổ chức không được tin cậy");
    private static readonly X509Certificate2 Signer = Trusted.Signer(Official);
    private static readonly byte[] Document = Pdf(64 * 1024);

    [Fact]
    public async Task a_valid_signature_names_the_signer_the_signing_time_and_the_digest()
    {
        var result = await Verify(Document, Sign(Document, Signer));

        result.Outcome.ShouldBe(SignatureOutcome.Valid);
        result.SignerName.ShouldBe("Nguyễn Văn An");
        result.SignerOrganization.ShouldBe("Sở Tư pháp tỉnh Hà Tĩnh");
        result.IssuerName.ShouldBe("Cơ quan chứng thực thử nghiệm Issuing CA");
        result.SigningTime.ShouldBe(SignedAt);
        result.ChainValidatedAt.ShouldBe(SignedAt);
        result.DigestAlgorithm.ShouldBe("SHA256");
        result.CertificateSerialNumber.ShouldBe(Signer.SerialNumber);
        result.CertificateThumbprintSha256.ShouldBe(Convert.ToHexString(SHA256.HashData(Signer.RawData)));
        result.ContentSha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Document)));
        result.Message.ShouldBe("Chữ ký số hợp lệ của Nguyễn Văn An (Sở Tư pháp tỉnh Hà Tĩnh), ký lúc 09:30 Thứ Hai 09/03/2026.");
    }

    [Theory]
    [InlineData("2.16.840.1.101.3.4.2.2", "SHA384")]
    [InlineData("2.16.840.1.101.3.4.2.3", "SHA512")]
    public async Task sha384_and_sha512_signatures_are_valid(string digestOid, string name)
    {
        var result = await Verify(Document, TestPki.Sign(Document, Signer, SignedAt, [Trusted.Intermediate], digestOid));

        result.Outcome.ShouldBe(SignatureOutcome.Valid);
        result.DigestAlgorithm.ShouldBe(name);
    }

    [Fact]
    public async Task ecdsa_and_rsa_pss_signers_are_valid()
    {
        (await Verify(Document, Sign(Document, Trusted.EcdsaSigner(Official)))).Outcome.ShouldBe(SignatureOutcome.Valid);
        (await Verify(Document, TestPki.Sign(Document, Signer, SignedAt, [Trusted.Intermediate], padding: RSASignaturePadding.Pss)))
            .Outcome.ShouldBe(SignatureOutcome.Valid);
    }

    [Fact]
    public async Task a_signature_value_with_one_byte_flipped_is_invalid()
    {
        var signature = Sign(Document, Signer);
        var cms = new SignedCms();
        cms.Decode(signature);
        var value = cms.SignerInfos[0].GetSignature();
        var at = signature.AsSpan().IndexOf(value);
        at.ShouldBeGreaterThan(0);
        signature[at + value.Length / 2] ^= 0x01;

        var result = await Verify(Document, signature);

        result.Outcome.ShouldBe(SignatureOutcome.InvalidSignature);
        result.SignerName.ShouldBe("Nguyễn Văn An");
        result.Message.ShouldStartWith("Chữ ký số không hợp lệ");
    }

    [Fact]
    public async Task a_document_with_one_byte_changed_is_not_what_was_signed()
    {
        var tampered = Document.ToArray();
        tampered[tampered.Length / 2] ^= 0x20;

        var result = await Verify(tampered, Sign(Document, Signer));

        result.Outcome.ShouldBe(SignatureOutcome.ContentMismatch);
        result.Message.ShouldStartWith("Tài liệu đã bị thay đổi sau khi ký");
        result.ContentSha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(tampered)));
    }

    [Fact]
    public async Task a_signer_under_a_root_that_is_not_configured_is_untrusted_even_with_the_root_enclosed()
    {
        var stranger = Unknown.Signer("CN=Trần Thị Bình, O=Không rõ, C=VN");

        var result = await Verify(Document, TestPki.Sign(Document, stranger, SignedAt, [Unknown.Intermediate, Unknown.Root]));

        result.Outcome.ShouldBe(SignatureOutcome.UntrustedSigner);
        result.Message.ShouldBe("Chứng thư số không thuộc tổ chức cung cấp dịch vụ chứng thực chữ ký số được tin cậy.");
    }

    [Fact]
    public async Task a_certificate_expired_before_the_signing_time_is_reported_expired()
    {
        var lapsed = Trusted.Signer(Official, notAfter: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var result = await Verify(Document, Sign(Document, lapsed));

        result.Outcome.ShouldBe(SignatureOutcome.Expired);
        result.Message.ShouldStartWith("Chứng thư số của Nguyễn Văn An đã hết hạn tại thời điểm ký");
    }

    [Fact]
    public async Task a_certificate_that_expired_after_signing_still_proves_the_signature()
    {
        var since = Trusted.Signer(Official, notAfter: SignedAt.AddDays(1));

        (await Verify(Document, Sign(Document, since))).Outcome.ShouldBe(SignatureOutcome.Valid);
    }

    [Fact]
    public async Task a_signing_time_in_the_future_is_not_believed_and_the_chain_is_checked_now()
    {
        var future = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var notYet = Trusted.Signer(Official, notBefore: new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));

        var result = await Verify(Document, TestPki.Sign(Document, notYet, future, [Trusted.Intermediate]));

        result.Outcome.ShouldBe(SignatureOutcome.NotYetValid);
        result.ChainValidatedAt.ShouldBe(Now);
        result.Message.ShouldStartWith("Chứng thư số của Nguyễn Văn An chưa có hiệu lực tại thời điểm ký");
    }

    [Fact]
    public async Task a_certificate_not_issued_for_signing_is_refused()
    {
        var encipherOnly = Trusted.Signer(Official, usage: X509KeyUsageFlags.KeyEncipherment);

        var result = await Verify(Document, Sign(Document, encipherOnly));

        result.Outcome.ShouldBe(SignatureOutcome.UntrustedSigner);
        result.Message.ShouldBe("Chứng thư số không được cấp cho mục đích ký số.");
    }

    [Fact]
    public async Task a_pem_armoured_signature_is_accepted()
    {
        var pem = PemEncoding.Write("PKCS7", Sign(Document, Signer));

        (await Verify(Document, Encoding.ASCII.GetBytes(pem))).Outcome.ShouldBe(SignatureOutcome.Valid);
    }

    [Fact]
    public async Task garbage_bytes_are_malformed_with_a_clear_message()
    {
        var result = await Verify(Document, Encoding.UTF8.GetBytes("đây không phải chữ ký"));

        result.Outcome.ShouldBe(SignatureOutcome.Malformed);
        result.Message.ShouldBe("Tệp chữ ký không đúng định dạng CMS/PKCS#7 (DER, hoặc PEM \"-----BEGIN PKCS7-----\").");
        result.SignerName.ShouldBeNull();
    }

    [Fact]
    public async Task a_signature_enclosing_its_content_is_refused_as_not_detached()
    {
        var result = await Verify(Document, TestPki.Sign(Document, Signer, SignedAt, [Trusted.Intermediate], detached: false));

        result.Outcome.ShouldBe(SignatureOutcome.Malformed);
        result.Message.ShouldContain("chữ ký tách rời");
    }

    [Fact]
    public async Task a_sha1_digest_is_refused()
    {
        var result = await Verify(Document, TestPki.Sign(Document, Signer, SignedAt, [Trusted.Intermediate], "1.3.14.3.2.26"));

        result.Outcome.ShouldBe(SignatureOutcome.UnsupportedAlgorithm);
        result.Message.ShouldStartWith("Thuật toán băm sha1");
    }

    [Fact]
    public async Task a_20_mb_document_verifies_from_a_stream_that_cannot_seek_without_being_buffered()
    {
        var large = Pdf(20 * 1024 * 1024);
        var signature = Sign(large, Signer);
        var verifier = Verifier();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await verifier.VerifyAsync(new ForwardOnlyStream(large), signature);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        result.Outcome.ShouldBe(SignatureOutcome.Valid);
        allocated.ShouldBeLessThan(2L * 1024 * 1024);
        result.ContentSha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(large)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task a_document_over_the_configured_limit_is_refused_unread(bool seekable)
    {
        var large = Pdf(1024 * 1024 + 1);
        Stream content = seekable ? new MemoryStream(large) : new ForwardOnlyStream(large);

        var result = await Verifier(maxContentBytes: 1024 * 1024).VerifyAsync(content, Sign(large, Signer));

        result.Outcome.ShouldBe(SignatureOutcome.ContentTooLarge);
        result.Message.ShouldBe("Tài liệu vượt quá dung lượng tối đa được kiểm tra chữ ký (1 MB).");
    }

    [Fact]
    public async Task roots_are_read_from_a_folder_of_der_and_pem_files()
    {
        var folder = Directory.CreateTempSubdirectory("trusted-roots-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "root.cer"), Trusted.Root.RawData);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "other.pem"), Unknown.Root.ExportCertificatePem());
            var verifier = new SignatureVerifier(Options.Create(new SignatureOptions { TrustedRootsFolder = folder.FullName }), new FixedClock(Now));

            (await verifier.VerifyAsync(new MemoryStream(Document), Sign(Document, Signer))).Outcome.ShouldBe(SignatureOutcome.Valid);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task the_outcome_round_trips_through_the_event_serializer()
    {
        var result = await Verify(Document, Sign(Document, Signer));

        var json = JsonSerializer.Serialize(result, EventTypeRegistry.SerializerOptions);

        json.ShouldContain("\"outcome\":\"valid\"");
        JsonSerializer.Deserialize<SignatureVerification>(json, EventTypeRegistry.SerializerOptions).ShouldBe(result);
    }

    private static byte[] Sign(byte[] content, X509Certificate2 signer) => TestPki.Sign(content, signer, SignedAt, [Trusted.Intermediate]);

    private static Task<SignatureVerification> Verify(byte[] content, byte[] signature) =>
        Verifier().VerifyAsync(new MemoryStream(content), signature);

    private static SignatureVerifier Verifier(long maxContentBytes = 50L * 1024 * 1024) => new(
        Options.Create(new SignatureOptions { TrustedRoots = [Trusted.Root.ExportCertificatePem()], MaxContentBytes = maxContentBytes }),
        new FixedClock(Now));

    private static byte[] Pdf(int length)
    {
        var bytes = new byte[length];
        new Random(6).NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    /// <summary>Like a network or upload stream: no length, no seeking.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
