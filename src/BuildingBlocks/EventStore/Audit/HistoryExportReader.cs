using System.Globalization;
using System.Text.Json;

namespace Onestop.EventStore.Audit;

/// <summary>
/// Reads a history export with the same shape rules as tools/verify-history.py, so both refuse the same files: every
/// field the procedure reads present with its JSON type (texts, integers within 64 bits), no duplicate keys, no
/// NaN; fields the procedure does not read (<c>streamType</c>, <c>exportedAt</c>, <c>hashing</c>) are taken when
/// well-formed and otherwise ignored.
/// </summary>
internal static class HistoryExportReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = 256 };

    public static HistoryExport Read(ReadOnlySpan<byte> utf8Json)
    {
        var withoutBom = utf8Json.StartsWith("\uFEFF"u8) ? utf8Json[3..] : utf8Json;
        using var document = JsonDocument.Parse(withoutBom.ToArray(), Options);
        var root = Object(document.RootElement, "document");
        var events = Property(root, "events", "document");
        if (events.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("document.events is not an array");
        }

        var head = Object(Property(root, "head", "document"), "head");
        return new HistoryExport
        {
            Format = Text(root, "format", "document"),
            FormatVersion = (int)Math.Clamp(Integer(root, "formatVersion", "document"), int.MinValue, int.MaxValue),
            StreamId = Text(root, "streamId", "document"),
            GenesisHash = Text(root, "genesisHash", "document"),
            StreamType = Unread(root, "streamType"),
            ExportedAt = DateTimeOffset.TryParse(Unread(root, "exportedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : default,
            Events = events.EnumerateArray().Select((e, i) => Event(Object(e, $"events[{i}]"), $"events[{i}]")).ToArray(),
            Head = new ExportHead(Integer(head, "version", "head"), Text(head, "hash", "head")),
        };
    }

    private static ExportedEvent Event(JsonElement e, string where) => new(
        Integer(e, "version", where), Text(e, "type", where), Integer(e, "recordedAtMicros", where), Text(e, "recordedAt", where),
        Text(e, "data", where), Text(e, "metadata", where), Text(e, "hash", where));

    private static JsonElement Object(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.Object ? element : throw new JsonException($"{where} is not an object");

    private static JsonElement Property(JsonElement element, string name, string where) =>
        element.TryGetProperty(name, out var value) ? value : throw new JsonException($"{where}.{name} is missing");

    private static string Text(JsonElement element, string name, string where)
    {
        var value = Property(element, name, where);
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new JsonException($"{where}.{name} is not a text");
        }

        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException($"{where}.{name} is not valid Unicode text");
        }
    }

    /// <summary>A field the procedure does not read: its text when it is a well-formed one, else null.</summary>
    private static string? Unread(JsonElement element, string name)
    {
        try
        {
            return element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static long Integer(JsonElement element, string name, string where)
    {
        var value = Property(element, name, where);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new JsonException($"{where}.{name} is not an integer of at most 64 bits");
    }
}
