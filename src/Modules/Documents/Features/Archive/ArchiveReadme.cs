using System.Globalization;
using System.Text;

namespace Onestop.Documents.Features.Archive;

/// <summary>README.txt, in Vietnamese for the archivist: what the package holds and how to verify it without our software.</summary>
internal static class ArchiveReadme
{
    public static string For(ArchivePackage package)
    {
        var m = package.Contents;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"GÓI NỘP LƯU HỒ SƠ {m.Dossier.Code}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Thủ tục: {m.Dossier.Procedure.Name} (mã {m.Dossier.Procedure.Code}, phiên bản {m.Dossier.Procedure.Version})");
        text.AppendLine(CultureInfo.InvariantCulture, $"Trả kết quả lúc: {m.Dates.ResultReturnedAt:dd/MM/yyyy HH:mm} (giờ Việt Nam)");
        text.AppendLine(m.Retention.Permanent
            ? "Thời hạn bảo quản: vĩnh viễn."
            : $"Thời hạn bảo quản: {m.Retention.Years} năm, đến ngày {m.Retention.KeepUntil:dd/MM/yyyy}.");
        text.AppendLine();
        text.AppendLine("NỘI DUNG GÓI");
        text.AppendLine("- manifest.json: thông tin hồ sơ (mã hồ sơ, thủ tục, đơn vị tiếp nhận, người nộp, các mốc thời gian, thời hạn bảo quản),");
        text.AppendLine("  danh sách tài liệu kèm kích thước và mã băm SHA-256 của từng tệp, và điểm cuối (phiên bản, mã băm) của lịch sử hồ sơ.");
        text.AppendLine("- history.json: toàn bộ lịch sử xử lý hồ sơ (mọi sự kiện, ai làm, lúc nào) kèm chuỗi mã băm.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- documents/: {m.Documents.Count} tài liệu của hồ sơ; tên mỗi tệp bắt đầu bằng mã băm SHA-256 của nội dung.");
        text.AppendLine();
        text.AppendLine("CÁCH KIỂM TRA (không cần phần mềm của hệ thống Một cửa điện tử)");
        text.AppendLine("1. Tài liệu: tính SHA-256 của từng tệp trong thư mục documents/ (ví dụ: sha256sum documents/*, hoặc");
        text.AppendLine("   certutil -hashfile <tệp> SHA256 trên Windows) và so với trường \"sha256\" của tệp đó trong manifest.json;");
        text.AppendLine("   kích thước phải bằng trường \"size\". Chỉ cần một tệp không khớp là tài liệu đã bị thay đổi.");
        text.AppendLine("2. Lịch sử: chạy python3 verify-history.py history.json (công cụ tools/verify-history.py của dự án, chỉ dùng");
        text.AppendLine("   thư viện chuẩn Python 3); kết quả phải là VALID. Có thể tự kiểm tra bằng tay theo quy trình trong docs/audit.md:");
        text.AppendLine("   h(0) = SHA-256(streamId); với mỗi sự kiện n, h(n) = SHA-256(h(n-1) || SHA-256(type \\n data \\n metadata) ||");
        text.AppendLine("   recordedAtMicros 8 byte big-endian) phải bằng trường \"hash\".");
        text.AppendLine("3. Điểm cuối: phiên bản và mã băm cuối (\"head\") của history.json phải bằng \"headVersion\" và \"headHash\" trong manifest.json.");
        text.AppendLine(CultureInfo.InvariantCulture, $"   Hãy lưu giữ điểm cuối này (phiên bản {m.History.HeadVersion}, mã băm {m.History.HeadHash}) ngoài hệ thống:");
        text.AppendLine("   một bản xuất lịch sử sau này không còn chứa nó nghĩa là lịch sử đã bị cắt bớt hoặc viết lại.");
        text.AppendLine(CultureInfo.InvariantCulture, $"4. Biên bản giao nộp ghi mã băm SHA-256 của manifest.json: {package.ManifestSha256}.");
        return text.ToString();
    }
}
