using System.Security.Cryptography.X509Certificates;
using Onestop.Dossiers.Domain;

namespace Onestop.Documents.Signatures;

/// <summary>The Vietnamese sentences officials read for a signature check's outcome.</summary>
internal static class SignatureTexts
{
    public const string InvalidSignature = "Chữ ký số không hợp lệ: giá trị chữ ký không khớp với khóa công khai của chứng thư số người ký.";
    public const string ContentMismatch = "Tài liệu đã bị thay đổi sau khi ký: nội dung không khớp với nội dung đã được ký.";
    public const string UntrustedSigner = "Chứng thư số không thuộc tổ chức cung cấp dịch vụ chứng thực chữ ký số được tin cậy.";
    public const string NotForSigning = "Chứng thư số không được cấp cho mục đích ký số.";
    public const string Revoked = "Chứng thư số đã bị thu hồi.";
    public const string NotCms = "Tệp chữ ký không đúng định dạng CMS/PKCS#7 (DER, hoặc PEM \"-----BEGIN PKCS7-----\").";
    public const string NotDetached = "Tệp chữ ký có chứa nội dung tài liệu; chỉ chấp nhận chữ ký tách rời (detached) đi kèm tài liệu.";
    public const string NoCertificate = "Tệp chữ ký không kèm chứng thư số của người ký.";
    public const string NoMessageDigest = "Chữ ký không có thuộc tính được ký chứa giá trị băm của tài liệu (messageDigest); không thể đối chiếu với tài liệu.";

    public static string Valid(string signer, DateTimeOffset? signingTime) => signingTime is { } at
        ? $"Chữ ký số hợp lệ của {signer}, ký lúc {DossierClock.Moment(at)}."
        : $"Chữ ký số hợp lệ của {signer} (chữ ký không ghi thời điểm ký).";

    public static string Expired(X509Certificate2 certificate) =>
        $"Chứng thư số của {certificate.GetNameInfo(X509NameType.SimpleName, false)} đã hết hạn tại thời điểm ký (hết hiệu lực lúc {Moment(certificate.NotAfter)}).";

    public static string NotYetValid(X509Certificate2 certificate) =>
        $"Chứng thư số của {certificate.GetNameInfo(X509NameType.SimpleName, false)} chưa có hiệu lực tại thời điểm ký (có hiệu lực từ {Moment(certificate.NotBefore)}).";

    public static string SignerCount(int count) => $"Tệp chữ ký có {count} chữ ký; chỉ chấp nhận đúng một chữ ký trong mỗi tệp.";

    public static string UnsupportedDigest(string name) => $"Thuật toán băm {name} không được chấp nhận; chỉ chấp nhận SHA-256, SHA-384, SHA-512.";

    public static string UnsupportedSignature(string name) => $"Thuật toán chữ ký {name} không được hỗ trợ; chỉ hỗ trợ RSA và ECDSA.";

    public static string TooLarge(long maxBytes) => maxBytes >= 1024 * 1024
        ? $"Tài liệu vượt quá dung lượng tối đa được kiểm tra chữ ký ({maxBytes / (1024 * 1024)} MB)."
        : $"Tài liệu vượt quá dung lượng tối đa được kiểm tra chữ ký ({maxBytes} byte).";

    // X509Certificate2 reports validity in the server's local time; officials read Vietnam time.
    private static string Moment(DateTime local) => DossierClock.Moment(new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero));
}
