using System.Globalization;
using System.Text;

namespace Onestop.Statistics.Features;

/// <summary>The seeds/001 table as CSV for Excel: UTF-8 with a BOM, RFC 4180 quoting, Vietnamese headings, rates in percent.</summary>
internal static class IntakeCsv
{
    public static byte[] Write(IntakeReport report)
    {
        var text = new StringBuilder();
        text.Append("Mã thủ tục,Tên thủ tục,Trực tuyến,Trực tiếp,Tổng số,Tỷ lệ trực tuyến (%)\r\n");
        foreach (var line in report.Procedures.Append(report.Totals))
        {
            text.Append(string.Join(',', Quote(line.ProcedureCode), Quote(line.ProcedureName), line.Online.ToString(CultureInfo.InvariantCulture),
                line.Direct.ToString(CultureInfo.InvariantCulture), line.Total.ToString(CultureInfo.InvariantCulture),
                line.OnlineRate.ToString("0.00", CultureInfo.InvariantCulture))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Quote(string value) => value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
