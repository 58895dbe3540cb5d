using System.Text;
using Microsoft.Extensions.Caching.Memory;
using QRCoder;

namespace Onestop.Catalogue.Features.QrCodes;

public enum QrFormat
{
    Png,
    Svg,
}

/// <summary>
/// QR codes of permalinks, with the standard four-module quiet zone and error correction level Q (25% of the code may
/// be lost): a notice-board print gets scratched, faded and photographed at an angle, and a permalink is short enough
/// that Q still gives a small code (version 3–4 for a 40–60 character URL). Images are cached per text and size.
/// </summary>
public sealed class QrImages : IDisposable
{
    public const QRCodeGenerator.ECCLevel ErrorCorrection = QRCodeGenerator.ECCLevel.Q;
    public const int MinSize = 64;
    public const int MaxSize = 2048;
    public const int DefaultSize = 320;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    /// <summary>The PNG, at the largest whole number of pixels per module that fits in <paramref name="size"/> pixels.</summary>
    public byte[] Png(string text, int size) => Cached(QrFormat.Png, text, size, data =>
        new PngByteQRCode(data).GetGraphic(PixelsPerModule(data, size), drawQuietZones: true));

    /// <summary>A standalone SVG document <paramref name="size"/> pixels wide.</summary>
    public byte[] Svg(string text, int size) => Cached(QrFormat.Svg, text, size, data =>
        Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(PixelsPerModule(data, size), "#000000", "#ffffff", drawQuietZones: true)));

    /// <summary>An SVG element scaled by CSS (viewBox only), to inline in a printable page.</summary>
    public string InlineSvg(string text) => Encoding.UTF8.GetString(Cached(QrFormat.Svg, text, 0, data =>
        Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(1, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute))));

    public static int PixelsPerModule(QRCodeData data, int size) => Math.Max(1, size / data.ModuleMatrix.Count);

    public static QRCodeData Encode(string text) => QRCodeGenerator.GenerateQrCode(text, ErrorCorrection);

    private byte[] Cached(QrFormat format, string text, int size, Func<QRCodeData, byte[]> render) =>
        cache.GetOrCreate((format, text, size), entry =>
        {
            var bytes = render(Encode(text));
            entry.Size = bytes.Length;
            return bytes;
        })!;

    public void Dispose() => cache.Dispose();
}
