using System.Globalization;

namespace Onestop.Documents.Features.Archive;

/// <summary>
/// Settings under "Documents:Archive". The catalogue does not carry retention periods yet (docs/archive.md), so they
/// come from here: a default, and overrides per procedure code in years or "permanent".
/// </summary>
public sealed class ArchiveOptions
{
    public const string Permanent = "permanent";

    public int DefaultRetentionYears { get; set; } = 10;

    /// <summary>Procedure code → years ("20") or "permanent" (vĩnh viễn).</summary>
    public Dictionary<string, string> RetentionByProcedure { get; set; } = [];

    internal Retention RetentionOf(string procedureCode) => RetentionByProcedure.TryGetValue(procedureCode, out var value)
        ? Parse(value, $"Documents:Archive:RetentionByProcedure:{procedureCode}")
        : new Retention(DefaultRetentionYears, Permanent: false, "Documents:Archive:DefaultRetentionYears");

    internal bool IsValid() =>
        DefaultRetentionYears > 0 && RetentionByProcedure.Values.All(v => v == Permanent || (int.TryParse(v, CultureInfo.InvariantCulture, out var y) && y > 0));

    private static Retention Parse(string value, string source) => value == Permanent
        ? new Retention(null, Permanent: true, source)
        : new Retention(int.Parse(value, CultureInfo.InvariantCulture), Permanent: false, source);
}

/// <summary>Thời hạn bảo quản: a number of years from the result's return, or permanent; <c>Source</c> names the setting it came from.</summary>
internal sealed record Retention(int? Years, bool Permanent, string Source);
