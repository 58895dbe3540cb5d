using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MediatR;
using Onestop.Messaging;
using Onestop.Catalogue.Domain;
using Onestop.Errors;
using Onestop.Messaging.Authorization;

namespace Onestop.Catalogue.Features.ImportExport;

/// <summary>
/// Imports one flat part as exported to CSV: <c>fields</c>, <c>units</c> (their assignments kept), or
/// <c>assignments</c> (each listed unit's procedures replaced by its rows; units not listed keep theirs). It goes
/// through <see cref="ImportCatalogue"/>, so it is idempotent and all-or-nothing, and every error names its line and
/// column (<c>line 3.name</c>; the header is line 1), all at once. Procedures have no CSV import: their flat export
/// drops the components, steps and history a version needs.
/// </summary>
[AllowedRoles(Roles.CatalogueController)]
public sealed record ImportCataloguePart(string Part, string Csv) : ICommand<ImportSummary>;

internal sealed partial class ImportCataloguePartHandler(IMediator mediator, CatalogueImporter importer) : IRequestHandler<ImportCataloguePart, ImportSummary>
{
    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["fields"] = ["code", "name", "order"],
        ["units"] = ["code", "name", "kind", "parentCode", "address"],
        ["assignments"] = ["unitCode", "procedureCode"],
    };

    public async Task<ImportSummary> Handle(ImportCataloguePart command, CancellationToken cancellationToken)
    {
        var columns = Columns.GetValueOrDefault(command.Part) ?? throw AppException.NotFound("catalogue.import_part_not_found",
            $"Không nhập được phần '{command.Part}' từ CSV; chọn một trong: {string.Join(", ", Columns.Keys)} (thủ tục nhập bằng tệp JSON).");
        var table = Table.Parse(command.Csv, columns);
        var (file, lines) = command.Part switch
        {
            "fields" => (new CatalogueFile(null, [.. table.Rows.Select(r => new FieldRow(r["code"], r["name"], table.Int(r, "order")))], [], []),
                table.Rows.Select((r, i) => ($"fields[{i}]", r.Line))),
            "units" => (new CatalogueFile(null, [], [.. table.Rows.Select(r => new UnitRow(
                    r["code"], r["name"], table.Kind(r), Empty(r["parentCode"]), Empty(r["address"]), null))], []),
                table.Rows.Select((r, i) => ($"units[{i}]", r.Line))),
            _ => await AssignmentsAsync(table, cancellationToken),
        };
        var rowOf = lines.ToDictionary(l => l.Item1, l => l.Item2);
        ImportSummary summary;
        try
        {
            summary = await importer.ImportAsync(file, cancellationToken);
        }
        catch (AppException e) when (e.Kind == ErrorKind.Validation)
        {
            throw AppException.Validation([.. table.Errors, .. e.FieldErrors.Select(f => f with { Field = ToLine(f.Field, rowOf) })
                .Where(f => !table.Reported(f.Field))]);
        }

        // The import ran in this command's transaction: throwing now commits none of it.
        table.ThrowIfInvalid();
        return summary;
    }

    /// <summary>Rows grouped by unit into whole units, their other columns taken from the stored catalogue.</summary>
    private async Task<(CatalogueFile, IEnumerable<(string, int)>)> AssignmentsAsync(Table table, CancellationToken cancellationToken)
    {
        var stored = (await mediator.Send(new ExportCatalogue(), cancellationToken)).Units.ToDictionary(u => u.Code);
        var units = new List<UnitRow>();
        var lines = new List<(string, int)>();
        foreach (var group in table.Rows.GroupBy(r => r["unitCode"]))
        {
            if (!stored.TryGetValue(group.Key, out var unit))
            {
                table.Error(group.First(), "unitCode", $"Không có đơn vị mã {group.Key} trong danh mục.");
                continue;
            }

            lines.Add(($"units[{units.Count}]", group.First().Line));
            lines.AddRange(group.Select((r, j) => ($"units[{units.Count}].procedures[{j}]", r.Line)));
            units.Add(unit with { Procedures = [.. group.Select(r => r["procedureCode"])] });
        }

        return (new CatalogueFile(null, [], units, []), lines);
    }

    /// <summary><c>units[2].procedures[5]</c> → <c>line 9.procedureCode</c>; <c>fields[0].name</c> → <c>line 2.name</c>.</summary>
    private static string ToLine(string path, Dictionary<string, int> rowOf)
    {
        var match = RowPath().Match(path);
        if (!match.Success)
        {
            return path;
        }

        var row = match.Groups["row"].Value;
        var rest = match.Groups["rest"].Value.TrimStart('.');
        if (rowOf.TryGetValue(row, out var line))
        {
            return $"line {line}.{(rest.Length > 0 ? rest : row.Contains(".procedures[", StringComparison.Ordinal) ? "procedureCode" : "code")}";
        }

        return path;
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    [GeneratedRegex(@"^(?<row>(fields|units)\[\d+\](\.procedures\[\d+\])?)(?<rest>.*)$")]
    private static partial Regex RowPath();
}

/// <summary>A parsed CSV with its header checked against the expected columns, collecting per-cell errors.</summary>
internal sealed class Table
{
    private readonly List<FieldError> errors;

    private Table(List<Row> rows, List<FieldError> errors) => (Rows, this.errors) = (rows, errors);

    public IReadOnlyList<Row> Rows { get; }

    public sealed record Row(int Line, IReadOnlyDictionary<string, string> Cells)
    {
        public string this[string column] => Cells[column].Trim();
    }

    public static Table Parse(string text, IReadOnlyList<string> columns)
    {
        var records = Csv.Read(text) ?? throw AppException.Validation("file", "Tệp CSV có một dấu ngoặc kép không được đóng.");
        if (records.Count == 0)
        {
            throw AppException.Validation("file", "Tệp CSV trống; dòng đầu phải là tên các cột: " + string.Join(",", columns) + ".");
        }

        var header = records[0].Values.Select(v => v.Trim()).ToList();
        var missing = columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw AppException.Validation("line 1", $"Thiếu cột: {string.Join(", ", missing)}. Dòng đầu phải là tên các cột: {string.Join(",", columns)}.");
        }

        var errors = new List<FieldError>();
        var rows = new List<Row>();
        foreach (var record in records.Skip(1))
        {
            if (record.Values.Count != header.Count)
            {
                errors.Add(new FieldError($"line {record.Line}", $"Dòng có {record.Values.Count} giá trị, cần {header.Count} như dòng tiêu đề."));
                continue;
            }

            rows.Add(new Row(record.Line, header.Select((h, i) => (h, record.Values[i])).ToDictionary(c => c.h, c => c.Item2)));
        }

        return new Table(rows, errors);
    }

    public int Int(Row row, string column)
    {
        if (int.TryParse(row[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(row, column, $"'{row[column]}' không phải là số nguyên.");
        return 0;
    }

    public UnitKind Kind(Row row)
    {
        foreach (var kind in Enum.GetValues<UnitKind>())
        {
            if (JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()) == row["kind"])
            {
                return kind;
            }
        }

        Error(row, "kind", $"Loại đơn vị '{row["kind"]}' không hợp lệ; chọn một trong: {string.Join(", ", Enum.GetNames<UnitKind>().Select(JsonNamingPolicy.CamelCase.ConvertName))}.");
        return default;
    }

    public IReadOnlyList<FieldError> Errors => errors;

    public void Error(Row row, string column, string message) => errors.Add(new FieldError($"line {row.Line}.{column}", message));

    /// <summary>A cell already reported unparsable: the import's complaint about its stand-in value would mislead.</summary>
    public bool Reported(string field) => errors.Any(e => e.Field == field);

    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
        {
            throw AppException.Validation(errors);
        }
    }
}
