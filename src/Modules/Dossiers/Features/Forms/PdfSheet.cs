using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Onestop.Dossiers.Features.Forms;

/// <summary>
/// Flowing text on A4 pages with the margins of the HTML forms (Decree 30/2020/NĐ-CP): PDFsharp draws only at given
/// points, so this wraps words to the width, keeps clear of a box floated at the right (the QR code), and starts a
/// new page at the bottom margin.
/// </summary>
internal sealed class PdfSheet : IDisposable
{
    public const double Left = 85;
    public const double Right = 42.5;
    private const double Top = 57;
    private const double Bottom = 57;

    private readonly PdfDocument document;
    private XGraphics graphics = null!;
    private PdfPage page = null!;
    private double floatBottom;
    private double floatWidth;

    public PdfSheet(PdfDocument document)
    {
        this.document = document;
        NewPage();
    }

    public XFont Text { get; } = Font(11, XFontStyleEx.Regular);

    public XFont Strong { get; } = Font(11, XFontStyleEx.Bold);

    public XFont Italic { get; } = Font(11, XFontStyleEx.Italic);

    public XFont Small { get; } = Font(9, XFontStyleEx.Regular);

    public XFont Heading { get; } = Font(13, XFontStyleEx.Bold);

    /// <summary>Where the next line goes; set back to draw a second column beside the first.</summary>
    public double Y { get; set; }

    public double Width => page.Width.Point - Left - Right;

    /// <summary>Words of one or more runs (a bold label, then its value) wrapped as one paragraph.</summary>
    public void Paragraph(params (string Text, XFont Font)[] runs) => Paragraph(Left, Width, XStringAlignment.Near, runs);

    public void Paragraph(double x, double width, XStringAlignment alignment, params (string Text, XFont Font)[] runs)
    {
        var words = runs.SelectMany(r => r.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (Word: w, r.Font))).ToList();
        var height = runs.Max(r => r.Font.GetHeight()) * 1.15;
        var line = new List<(string Word, XFont Font, double Width)>();
        foreach (var (word, font) in words)
        {
            var size = graphics.MeasureString(word, font).Width;
            if (line.Count > 0 && Used(line) + Space(font) + size > Available(x, width))
            {
                DrawLine(line, x, width, alignment, height);
                line.Clear();
            }

            line.Add((word, font, size));
        }

        if (line.Count > 0)
        {
            DrawLine(line, x, width, alignment, height);
        }
    }

    /// <summary>A table row: each cell wraps in its column, the row is as tall as its tallest cell, borders drawn.</summary>
    public void Row(double[] widths, XFont font, params string[] cells)
    {
        const double pad = 3;
        var lines = cells.Select((c, i) => Wrap(c, font, widths[i] - 2 * pad)).ToList();
        var height = font.GetHeight() * 1.15;
        var rowHeight = lines.Max(l => l.Count) * height + 2 * pad;
        EnsureRoom(rowHeight);
        var x = Left;
        for (var i = 0; i < cells.Length; i++)
        {
            graphics.DrawRectangle(XPens.Black, x, Y, widths[i], rowHeight);
            for (var n = 0; n < lines[i].Count; n++)
            {
                graphics.DrawString(lines[i][n], font, XBrushes.Black, new XRect(x + pad, Y + pad + n * height, widths[i] - 2 * pad, height),
                    widths[i] < 70 ? XStringFormats.TopCenter : XStringFormats.TopLeft);
            }

            x += widths[i];
        }

        Y += rowHeight;
    }

    /// <summary>Draws the QR code at the right edge from the current line; text beside it wraps short of it.</summary>
    public void FloatQrCode(QRCodeData code, double size, params string[] caption)
    {
        var matrix = code.ModuleMatrix;
        var module = size / matrix.Count;
        var x0 = page.Width.Point - Right - size;
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix[row].Count; column++)
            {
                if (matrix[row][column])
                {
                    graphics.DrawRectangle(XBrushes.Black, x0 + column * module, Y + row * module, module + 0.05, module + 0.05);
                }
            }
        }

        var height = Small.GetHeight();
        for (var i = 0; i < caption.Length; i++)
        {
            graphics.DrawString(caption[i], Small, XBrushes.Black, new XRect(x0, Y + size + i * height, size, height), XStringFormats.TopCenter);
        }

        floatBottom = Y + size + caption.Length * height;
        floatWidth = size + 8;
    }

    public void Space(double points) => Y += points;

    /// <summary>The short rule under a header block, centred in its column.</summary>
    public void Rule(double x, double width)
    {
        graphics.DrawLine(XPens.Black, x + width * 0.32, Y + 1, x + width * 0.68, Y + 1);
        Y += 4;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void EnsureRoom(double height)
    {
        if (Y + height > page.Height.Point - Bottom)
        {
            graphics.Dispose();
            NewPage();
        }
    }

    public void Dispose() => graphics.Dispose();

    // The subset PDFsharp computes leaves out the parts of composed glyphs, printing "ạ", "ố", "ị" bare: the whole font is embedded.
    private static XFont Font(double size, XFontStyleEx style) => new(PdfFonts.Family, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile));

    private static double Used(List<(string Word, XFont Font, double Width)> line) => line.Sum(w => w.Width) + line.Skip(1).Sum(w => Space(w.Font));

    private static double Space(XFont font) => 3 * font.Size / 11;

    private double Available(double x, double width) => Y < floatBottom && x + width > page.Width.Point - Right - floatWidth ? width - floatWidth : width;

    private void DrawLine(List<(string Word, XFont Font, double Width)> line, double x, double width, XStringAlignment alignment, double height)
    {
        EnsureRoom(height);
        var start = alignment == XStringAlignment.Center ? x + (Available(x, width) - Used(line)) / 2 : x;
        foreach (var (word, font, size) in line)
        {
            graphics.DrawString(word, font, XBrushes.Black, new XRect(start, Y, size, height), XStringFormats.TopLeft);
            start += size + Space(font);
        }

        Y += height;
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string> { "" };
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = lines[^1].Length == 0 ? word : lines[^1] + " " + word;
            if (lines[^1].Length > 0 && graphics.MeasureString(candidate, font).Width > width)
            {
                lines.Add(word);
            }
            else
            {
                lines[^1] = candidate;
            }
        }

        return lines;
    }

    private void NewPage()
    {
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        Y = Top;
        floatBottom = 0;
    }
}
