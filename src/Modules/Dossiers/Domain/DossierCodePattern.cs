using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Onestop.Dossiers.Domain;

/// <summary>
/// The dossier code (mã hồ sơ) layout, configured by <c>Dossiers:CodePattern</c>. Tokens: <c>{unit}</c> the receiving
/// unit's identifier code, <c>{date:FORMAT}</c> the receipt date in Vietnam time (a .NET date format), <c>{seq:0000}</c>
/// the daily sequence zero-padded to the given width. All three must appear, so codes stay unique per unit and day.
/// The default <c>{unit}-{date:yyMMdd}-{seq:0000}</c> gives e.g. <c>000.00.12.H27-260212-0001</c>.
/// </summary>
public sealed partial class DossierCodePattern
{
    public const string Default = "{unit}-{date:yyMMdd}-{seq:0000}";

    private readonly IReadOnlyList<Func<string, DateOnly, long, string>> parts;

    private DossierCodePattern(string pattern, IReadOnlyList<Func<string, DateOnly, long, string>> parts)
    {
        Pattern = pattern;
        this.parts = parts;
    }

    public string Pattern { get; }

    public static DossierCodePattern Parse(string? pattern)
    {
        pattern = string.IsNullOrWhiteSpace(pattern) ? Default : pattern;
        var parts = new List<Func<string, DateOnly, long, string>>();
        var seen = new HashSet<string>();
        var at = 0;
        foreach (Match token in Token().Matches(pattern))
        {
            var literal = pattern[at..token.Index];
            parts.Add((_, _, _) => literal);
            var name = token.Groups["name"].Value;
            var format = token.Groups["format"].Success ? token.Groups["format"].Value : null;
            seen.Add(name);
            parts.Add(name switch
            {
                "unit" => (unit, _, _) => unit,
                "date" => (_, date, _) => date.ToString(format ?? "yyMMdd", CultureInfo.InvariantCulture),
                "seq" => (_, _, seq) => seq.ToString(format ?? "0000", CultureInfo.InvariantCulture),
                _ => throw new InvalidOperationException($"Dossiers:CodePattern: unknown token {{{name}}} in '{pattern}'."),
            });
            at = token.Index + token.Length;
        }

        var tail = pattern[at..];
        parts.Add((_, _, _) => tail);
        if (!seen.IsSupersetOf(["unit", "date", "seq"]))
        {
            throw new InvalidOperationException(
                $"Dossiers:CodePattern '{pattern}' must contain {{unit}}, {{date:...}} and {{seq:...}} so codes are unique per unit and day.");
        }

        return new DossierCodePattern(pattern, parts);
    }

    public string Format(string unit, DateOnly receiptDate, long sequence)
    {
        var code = new StringBuilder();
        foreach (var part in parts)
        {
            code.Append(part(unit, receiptDate, sequence));
        }

        return code.ToString();
    }

    [GeneratedRegex(@"\{(?<name>[a-z]+)(:(?<format>[^}]+))?\}")]
    private static partial Regex Token();
}
