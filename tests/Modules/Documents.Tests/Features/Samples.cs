using System.IO.Compression;
using System.Text;

namespace Onestop.Documents.Tests.Features;

/// <summary>Tiny files of each kind, valid as far as the first bytes (and for DOCX the ZIP directory) go.</summary>
public static class Samples
{
    public static byte[] Pdf(string text = "") => Encoding.ASCII.GetBytes($"%PDF-1.7\n% {text}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 0x01, 0x01, 0x00, 0xFF, 0xD9];

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, .. "IHDR"u8];

    public static byte[] Xml() => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><hoSo><ten>Tờ khai</ten></hoSo>")];

    public static byte[] Docx() => Zip("word/document.xml", "[Content_Types].xml");

    /// <summary>A ZIP that is not a Word document: same signature, no word/document.xml.</summary>
    public static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries.Length > 0 ? entries : ["readme.txt"])
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<w:document/>");
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Exe() => [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, .. "This program cannot be run in DOS mode."u8];

    public static byte[] Text() => Encoding.UTF8.GetBytes("Đây là một tệp văn bản thuần, không phải PDF.");
}
