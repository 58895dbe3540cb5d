using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Onestop.EventStore.Hashing;

/// <summary>
/// The one canonical text of a JSON value, so a hash computed at append time can be recomputed from what
/// PostgreSQL's jsonb gives back: object keys sorted by UTF-16 code units, no insignificant white space,
/// strings with only the escapes JSON requires, numbers as plain decimals without exponent or trailing zeros.
/// docs/event-store.md states the rules so an auditor's own tool can reproduce them.
/// </summary>
public static class CanonicalJson
{
    public static byte[] ToUtf8(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length + 16);
        Write(document.RootElement, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static string ToText(string json) => Encoding.UTF8.GetString(ToUtf8(json));

    private static void Write(JsonElement element, IBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                Append(output, "{");
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        Append(output, ",");
                    }

                    first = false;
                    WriteString(property.Name, output);
                    Append(output, ":");
                    Write(property.Value, output);
                }

                Append(output, "}");
                break;
            case JsonValueKind.Array:
                Append(output, "[");
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        Append(output, ",");
                    }

                    firstItem = false;
                    Write(item, output);
                }

                Append(output, "]");
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                Append(output, CanonicalNumber(element.GetRawText()));
                break;
            case JsonValueKind.True:
                Append(output, "true");
                break;
            case JsonValueKind.False:
                Append(output, "false");
                break;
            default:
                Append(output, "null");
                break;
        }
    }

    /// <summary>Numbers must fit a 28-digit decimal exactly; larger ones are refused rather than silently rounded.</summary>
    internal static string CanonicalNumber(string raw)
    {
        if (!decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"The number {raw} does not fit in a decimal and cannot be stored in an event.");
        }

        return value == 0 ? "0" : value.ToString("0.############################", CultureInfo.InvariantCulture);
    }

    private static void WriteString(string value, IBufferWriter<byte> output)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        builder.Append('"');
        Append(output, builder.ToString());
    }

    private static void Append(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
