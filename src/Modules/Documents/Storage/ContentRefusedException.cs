using Microsoft.AspNetCore.Http;

namespace Onestop.Documents.Storage;

/// <summary>
/// An upload refused for its content (too large 413, media type not allowed 415, rejected by the scanner 422). The
/// platform's error model has no kind for these HTTP answers, so the documents endpoints map it themselves.
/// </summary>
internal sealed class ContentRefusedException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static ContentRefusedException TooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge, "document.too_large",
        $"Tệp vượt quá dung lượng cho phép ({maxBytes / (1024 * 1024)} MB).");

    public static ContentRefusedException MediaTypeNotAllowed() => new(StatusCodes.Status415UnsupportedMediaType, "document.media_type_not_allowed",
        "Định dạng tệp không được chấp nhận. Chỉ nhận tệp PDF, JPEG, PNG, DOCX hoặc XML.");

    public static ContentRefusedException Infected(string? threat) => new(StatusCodes.Status422UnprocessableEntity, "document.rejected_by_scanner",
        $"Tệp bị từ chối do kiểm tra an toàn phát hiện nguy cơ{(threat is null ? "" : $" ({threat})")}; tệp không được lưu.");
}
