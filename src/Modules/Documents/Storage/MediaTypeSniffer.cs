using System.IO.Compression;

namespace Onestop.Documents.Storage;

/// <summary>
/// The media type read from the content's first bytes, never from what the client claims, against the allow-list:
/// PDF, JPEG, PNG, DOCX (a ZIP whose central directory holds word/document.xml) and XML. Null for anything else.
/// </summary>
internal static class MediaTypeSniffer
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xml = "application/xml";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static async Task<string?> SniffAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[64];
        int length;
        await using (var file = File.OpenRead(path))
        {
            length = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var bytes = head.AsSpan(0, length);
        return bytes.StartsWith(PdfMagic) ? Pdf
            : bytes.StartsWith(JpegMagic) ? Jpeg
            : bytes.StartsWith(PngMagic) ? Png
            : bytes.StartsWith(ZipMagic) ? (IsWordDocument(path) ? Docx : null)
            : IsXml(bytes) ? Xml
            : null;
    }

    private static bool IsWordDocument(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>An optional UTF-8 byte order mark, white space, then a tag: "&lt;?xml", a comment or an element.</summary>
    private static bool IsXml(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }

        bytes = bytes.TrimStart(" \t\r\n"u8);
        return bytes.Length >= 2 && bytes[0] == '<' && (bytes[1] is (byte)'?' or (byte)'!' || char.IsAsciiLetter((char)bytes[1]));
    }
}
