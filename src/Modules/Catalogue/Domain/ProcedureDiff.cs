using System.Globalization;

namespace Onestop.Catalogue.Domain;

/// <summary>One difference between two versions: the field's path, its value before and after (null when absent).</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>Field-by-field comparison of two versions of a procedure, for the catalogue controller.</summary>
public static class ProcedureDiff
{
    public static IReadOnlyList<FieldChange> Compare(ProcedureContent before, ProcedureContent after)
    {
        var changes = new List<FieldChange>();
        Scalar(changes, "name", before.Name, after.Name);
        Scalar(changes, "fieldCode", before.FieldCode, after.FieldCode);
        Scalar(changes, "level", before.Level.ToString(), after.Level.ToString());
        Scalar(changes, "agency", before.Agency, after.Agency);
        List(changes, "steps", before.Steps, after.Steps);
        Scalar(changes, "channels", string.Join(", ", before.Channels), string.Join(", ", after.Channels));
        Keyed(changes, "components", before.Components, after.Components, c => c.Code, ComponentFields);
        Scalar(changes, "processingTime.workingDays", Text(before.ProcessingTime.WorkingDays), Text(after.ProcessingTime.WorkingDays));
        Scalar(changes, "processingTime.sameDay", Text(before.ProcessingTime.SameDay), Text(after.ProcessingTime.SameDay));
        Scalar(changes, "processingTime.cutOffHour", Text(before.ProcessingTime.CutOffHour), Text(after.ProcessingTime.CutOffHour));
        Keyed(changes, "fees", before.Fees, after.Fees, f => f.Name,
            f => [("amount", Text(f.Amount)), ("exemption", f.Exemption)]);
        Scalar(changes, "requirements", before.Requirements, after.Requirements);
        List(changes, "legalBasis", before.LegalBasis, after.LegalBasis);
        Scalar(changes, "result", before.Result, after.Result);
        Scalar(changes, "onlineLevel", before.OnlineLevel.ToString(), after.OnlineLevel.ToString());
        Scalar(changes, "receivableAnywhere", Text(before.ReceivableAnywhere), Text(after.ReceivableAnywhere));
        return changes;
    }

    private static IEnumerable<(string Field, string? Value)> ComponentFields(ComponentSpec c) =>
    [
        ("name", c.Name), ("originals", Text(c.Originals)), ("copies", Text(c.Copies)), ("required", Text(c.Required)),
        ("condition", c.Condition), ("formName", c.FormName), ("formUrl", c.FormUrl),
    ];

    private static void Scalar(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (before != after)
        {
            changes.Add(new FieldChange(field, before, after));
        }
    }

    private static void List(List<FieldChange> changes, string field, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        for (var i = 0; i < Math.Max(before.Count, after.Count); i++)
        {
            Scalar(changes, $"{field}[{i}]", i < before.Count ? before[i] : null, i < after.Count ? after[i] : null);
        }
    }

    private static void Keyed<T>(
        List<FieldChange> changes, string field, IReadOnlyList<T> before, IReadOnlyList<T> after,
        Func<T, string> key, Func<T, IEnumerable<(string Field, string? Value)>> fields)
    {
        var old = before.ToDictionary(key);
        var now = after.ToDictionary(key);
        foreach (var k in old.Keys.Union(now.Keys))
        {
            var a = old.TryGetValue(k, out var x) ? fields(x).ToDictionary(f => f.Field, f => f.Value) : null;
            var b = now.TryGetValue(k, out var y) ? fields(y).ToDictionary(f => f.Field, f => f.Value) : null;
            if (a is null || b is null)
            {
                changes.Add(new FieldChange($"{field}[{k}]", a is null ? null : Summary(a), b is null ? null : Summary(b)));
                continue;
            }

            foreach (var name in a.Keys)
            {
                Scalar(changes, $"{field}[{k}].{name}", a[name], b[name]);
            }
        }
    }

    private static string Summary(Dictionary<string, string?> fields) =>
        string.Join("; ", fields.Where(f => f.Value is not null).Select(f => $"{f.Key}: {f.Value}"));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "true" : "false";
}
