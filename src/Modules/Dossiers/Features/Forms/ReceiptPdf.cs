using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Onestop.Dossiers.Features.Forms;

/// <summary>
/// The receipt (Mẫu 01) as a PDF, for desks that file or send it rather than print from a browser: the same content
/// as the HTML page, laid out by <see cref="PdfSheet"/> in DejaVu Serif, with the QR code drawn module by module.
/// </summary>
internal static class ReceiptPdf
{
    public static byte[] Render(Receipt receipt, QRCodeData qr)
    {
        PdfFonts.EnsureInstalled();
        var document = new PdfDocument();
        document.Info.Title = $"{ReceiptForm.Title} {receipt.Code}";
        document.Info.Subject = receipt.Code;
        using (var sheet = new PdfSheet(document))
        {
            Head(sheet, receipt.Header);
            sheet.Paragraph(PdfSheet.Left, sheet.Width, XStringAlignment.Center, (FormPage.Upper(ReceiptForm.Title), sheet.Heading));
            sheet.Paragraph(PdfSheet.Left, sheet.Width, XStringAlignment.Center, (ReceiptForm.Number, sheet.Text));
            sheet.Space(6);
            sheet.FloatQrCode(qr, 90, "Quét mã để", "tra cứu hồ sơ");
            Lines(sheet, receipt.Identification);
            sheet.Paragraph((ReceiptForm.ComponentsHeading, sheet.Strong));
            double[] widths = [28, sheet.Width - 28 - 62 - 55, 62, 55];
            sheet.Row(widths, sheet.Strong, "TT", "Tên giấy tờ", "Bản chính", "Bản sao");
            for (var i = 0; i < receipt.Components.Count; i++)
            {
                var c = receipt.Components[i];
                sheet.Row(widths, sheet.Text, $"{i + 1}", c.Name, $"{c.Originals}", $"{c.Copies}");
            }

            sheet.Space(4);
            Lines(sheet, receipt.Appointment);
            sheet.Paragraph(("Cách tính ngày hẹn:", sheet.Small));
            foreach (var line in receipt.DueExplanation)
            {
                sheet.Paragraph(PdfSheet.Left + 10, sheet.Width - 10, XStringAlignment.Near, ("– " + line, sheet.Small));
            }

            Lines(sheet, receipt.Collection);
            Signatures(sheet, receipt);
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    private static void Head(PdfSheet sheet, FormHeader header)
    {
        var top = sheet.Y;
        var leftWidth = sheet.Width * 0.42;
        var rightX = PdfSheet.Left + leftWidth;
        var rightWidth = sheet.Width - leftWidth;
        if (header.ParentName is { } parent)
        {
            sheet.Paragraph(PdfSheet.Left, leftWidth, XStringAlignment.Center, (FormPage.Upper(parent), sheet.Text));
        }

        sheet.Paragraph(PdfSheet.Left, leftWidth, XStringAlignment.Center, (FormPage.Upper(header.UnitName), sheet.Strong));
        sheet.Rule(PdfSheet.Left, leftWidth);
        var leftBottom = sheet.Y;
        sheet.Y = top;
        sheet.Paragraph(rightX, rightWidth, XStringAlignment.Center, ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", sheet.Strong));
        sheet.Paragraph(rightX, rightWidth, XStringAlignment.Center, ("Độc lập - Tự do - Hạnh phúc", sheet.Strong));
        sheet.Rule(rightX, rightWidth);
        sheet.Space(4);
        var date = header.Date;
        sheet.Paragraph(rightX, rightWidth, XStringAlignment.Center, ($"{header.Place}, ngày {date.Day:00} tháng {date.Month:00} năm {date.Year}", sheet.Italic));
        sheet.Y = Math.Max(sheet.Y, leftBottom) + 10;
    }

    private static void Lines(PdfSheet sheet, IEnumerable<FormLine> lines)
    {
        foreach (var line in lines)
        {
            if (line.Label is null)
            {
                sheet.Paragraph((line.Text, sheet.Text));
            }
            else
            {
                sheet.Paragraph((line.Label + ":", sheet.Strong), (line.Text, sheet.Text));
            }
        }
    }

    private static void Signatures(PdfSheet sheet, Receipt receipt)
    {
        sheet.Space(16);
        sheet.EnsureRoom(110);
        var half = sheet.Width / 2;
        var top = sheet.Y;
        foreach (var (x, title, name) in new[] { (PdfSheet.Left, "NGƯỜI NỘP HỒ SƠ", receipt.ApplicantName), (PdfSheet.Left + half, "NGƯỜI TIẾP NHẬN HỒ SƠ", receipt.ReceivedBy) })
        {
            sheet.Y = top;
            sheet.Paragraph(x, half, XStringAlignment.Center, (title, sheet.Strong));
            sheet.Paragraph(x, half, XStringAlignment.Center, ("(Ký và ghi rõ họ tên)", sheet.Italic));
            sheet.Space(50);
            sheet.Paragraph(x, half, XStringAlignment.Center, (name, sheet.Strong));
        }
    }
}
