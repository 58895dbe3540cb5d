using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Onestop.Catalogue.Features.ImportExport;

/// <summary>RFC 4180: comma-separated, CRLF line ends, a value with a comma, quote or line break quoted and its quotes doubled.</summary>
internal static class Csv
{
    /// <summary>One parsed record with the line it starts on (the header is line 1), for error messages.</summary>
    public sealed record Record(int Line, IReadOnlyList<string> Values);
    public static string Write(IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows)
        {
            Line(text, row.Select(Format).ToList());
        }

        return text.ToString();
    }

    /// <summary>Values as the JSON export writes them: ISO dates, camelCase enum names, invariant numbers.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => JsonNamingPolicy.CamelCase.ConvertName(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void Line(StringBuilder text, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            text.Append(i > 0 ? "," : "");
            var value = values[i];
            text.Append(value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value);
        }

        text.Append("\r\n");
    }

    /// <summary>
    /// Reads what <see cref="Write"/> writes, and what spreadsheets save: an optional BOM, CRLF or LF line ends, quoted
    /// values spanning lines. Blank lines are skipped. Null when a quote is never closed.
    /// </summary>
    public static List<Record>? Read(string text)
    {
        var records = new List<Record>();
        var values = new List<string>();
        var value = new StringBuilder();
        var (line, recordLine, i) = (1, 1, text.StartsWith('\uFEFF') ? 1 : 0);
        var quoted = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    value.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    value.Append(c);
                }
            }
            else if (c == '"' && value.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                values.Add(value.ToString());
                value.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                End();
                line++;
                recordLine = line;
            }
            else
            {
                value.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        End();
        return records;

        void End()
        {
            values.Add(value.ToString());
            value.Clear();
            if (values.Count > 1 || values[0].Length > 0)
            {
                records.Add(new Record(recordLine, [.. values]));
            }

            values = [];
        }
    }
}
