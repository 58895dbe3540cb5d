using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Onestop.Statistics.Features;

/// <summary>
/// The seeds/001 table as an Excel workbook: a title row naming the units and days, the headings, one row per
/// procedure, the totals; numbers as numbers so the province's own sheets can sum them. Small enough to build in memory.
/// </summary>
internal static class IntakeXlsx
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(IntakeReport report)
    {
        using var buffer = new MemoryStream();
        using (var workbook = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var book = workbook.AddWorkbookPart();
            book.Workbook = new Workbook();
            var sheetPart = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            sheetPart.Worksheet = new Worksheet(data);
            var scope = report.Scope;
            data.Append(Row(Text($"Tình hình tiếp nhận hồ sơ: {string.Join(", ", report.Units)}, từ {scope.From:dd/MM/yyyy} đến {scope.To:dd/MM/yyyy}")));
            data.Append(Row(Text("Mã thủ tục"), Text("Tên thủ tục"), Text("Trực tuyến"), Text("Trực tiếp"), Text("Tổng số"), Text("Tỷ lệ trực tuyến (%)")));
            foreach (var line in report.Procedures.Append(report.Totals))
            {
                data.Append(Row(Text(line.ProcedureCode), Text(line.ProcedureName), Number(line.Online), Number(line.Direct), Number(line.Total),
                    Number(line.OnlineRate)));
            }

            book.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = book.GetIdOfPart(sheetPart), SheetId = 1, Name = "Tiếp nhận" });
        }

        return buffer.ToArray();
    }

    private static Row Row(params Cell[] cells) => new(cells);

    private static Cell Text(string value) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) };

    private static Cell Number(decimal value) => new() { DataType = CellValues.Number, CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)) };
}
