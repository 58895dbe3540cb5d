using PdfSharp.Fonts;

namespace Onestop.Dossiers.Features.Forms;

/// <summary>
/// DejaVu Serif from Debian's fonts-dejavu-core for PDFs: it has every Vietnamese letter, and PDFsharp on Linux finds
/// no system font by itself. Only the regular and bold faces are in that package, so italics are slanted by PDFsharp.
/// PDFsharp's font settings are global to the process, hence set once.
/// </summary>
internal sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Serif";
    public const string Directory = "/usr/share/fonts/truetype/dejavu";

    private const string Regular = "DejaVuSerif";
    private const string Bold = "DejaVuSerif-Bold";

    private static readonly Lazy<bool> Installed = new(() =>
    {
        GlobalFontSettings.FontResolver = new PdfFonts();
        return true;
    });

    public static bool Available => File.Exists(FileOf(Regular)) && File.Exists(FileOf(Bold));

    public static void EnsureInstalled() => _ = Installed.Value;

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: isItalic);

    public byte[] GetFont(string faceName) => File.ReadAllBytes(FileOf(faceName));

    private static string FileOf(string face) => Path.Combine(Directory, face + ".ttf");
}
