using System.Text;
using FluentValidation;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.FieldsAndUnits;
using Onestop.Catalogue.Features.Procedures;
using Onestop.Errors;

namespace Onestop.Catalogue.Features.ImportExport;

/// <summary>
/// Every check of an import file, each failure named by its row and field path ("procedures[12].versions[0].content.name"):
/// the single-item commands' validators per row, then checks across rows and against the stored catalogue.
/// </summary>
internal sealed class CatalogueFileChecks(CatalogueFile file, CatalogueFile stored)
{
    private static readonly DefineFieldValidator FieldValidator = new();
    private static readonly RegisterUnitValidator UnitValidator = new();
    private static readonly ProcedureContentValidator ContentValidator = new();
    private static readonly AnnouncingDecisionValidator DecisionValidator = new();
    private static readonly InlineValidator<ProcedureRow> CodeValidator = new() { v => v.RuleFor(p => p.Code).ValidProcedureCode() };

    private readonly List<FieldError> errors = [];

    public static List<FieldError> Shape(CatalogueFile? file) =>
        file is null ? [new FieldError("", "Tệp danh mục trống.")]
        : new[] { ("fields", file.Fields is null), ("units", file.Units is null), ("procedures", file.Procedures is null) }
            .Where(x => x.Item2).Select(x => new FieldError(x.Item1, "Thiếu danh sách này (có thể để mảng rỗng).")).ToList();

    public IReadOnlyList<FieldError> Run()
    {
        CheckFields();
        CheckUnits();
        CheckProcedures();
        return errors;
    }

    private void CheckFields()
    {
        var codes = new HashSet<string>();
        var slugs = stored.Fields.ToDictionary(f => VietnameseText.Slug(f.Name), f => f.Code);
        foreach (var (row, i) in file.Fields.Select((r, i) => (r, i)))
        {
            var path = $"fields[{i}]";
            if (Require(row is not null, path, "Dòng trống.") && Validate(path, FieldValidator, new DefineField(row!.Code, row.Name, row.Order)))
            {
                Require(codes.Add(row.Code), $"{path}.code", $"Mã lĩnh vực {row.Code} bị trùng trong tệp.");
                var slug = VietnameseText.Slug(row.Name);
                Require(!slugs.TryGetValue(slug, out var other) || other == row.Code, $"{path}.name", $"Tên lĩnh vực trùng với lĩnh vực {other}.");
                slugs[slug] = row.Code;
            }
        }
    }

    private void CheckUnits()
    {
        var codes = new HashSet<string>();
        var known = file.Units.Where(u => u is not null).Select(u => u.Code).Concat(stored.Units.Select(u => u.Code)).ToHashSet();
        var procedures = file.Procedures.Where(p => p is not null).Select(p => p.Code).Concat(stored.Procedures.Select(p => p.Code)).ToHashSet();
        foreach (var (row, i) in file.Units.Select((r, i) => (r, i)))
        {
            var path = $"units[{i}]";
            if (!Require(row is not null, path, "Dòng trống.") || !Validate(path, UnitValidator, new RegisterUnit(row!.Code, row.Name, row.Kind, row.ParentCode, row.Address)))
            {
                continue;
            }

            Require(codes.Add(row.Code), $"{path}.code", $"Mã đơn vị {row.Code} bị trùng trong tệp.");
            Require(row.ParentCode is null || (known.Contains(row.ParentCode) && row.ParentCode != row.Code), $"{path}.parentCode",
                $"Không có đơn vị cấp trên mã {row.ParentCode}.");
            foreach (var (code, j) in (row.Procedures ?? []).Select((c, j) => (c, j)))
            {
                Require(code is not null && procedures.Contains(code), $"{path}.procedures[{j}]", $"Không có thủ tục mã {code} trong tệp hay trong danh mục.");
            }
        }
    }

    private void CheckProcedures()
    {
        var codes = new HashSet<string>();
        var fields = file.Fields.Where(f => f is not null).Select(f => f.Code).Concat(stored.Fields.Select(f => f.Code)).ToHashSet();
        var procedures = file.Procedures.Where(p => p is not null).Select(p => p.Code).Concat(stored.Procedures.Select(p => p.Code)).ToHashSet();
        foreach (var (row, i) in file.Procedures.Select((r, i) => (r, i)))
        {
            var path = $"procedures[{i}]";
            if (!Validate(path, CodeValidator, row))
            {
                continue;
            }

            Require(codes.Add(row.Code), $"{path}.code", $"Mã thủ tục {row.Code} bị trùng trong tệp.");
            Require(row.Versions is { Count: > 0 }, $"{path}.versions", "Thủ tục phải có ít nhất một phiên bản.");
            foreach (var (version, j) in (row.Versions ?? []).Select((v, j) => (v, j)))
            {
                var versionPath = $"{path}.versions[{j}]";
                if (Require(version?.Content is not null, $"{versionPath}.content", "Thiếu nội dung thủ tục.")
                    && Validate($"{versionPath}.content", ContentValidator, version!.Content))
                {
                    Require(fields.Contains(version.Content.FieldCode), $"{versionPath}.content.fieldCode",
                        $"Không có lĩnh vực mã {version.Content.FieldCode} trong tệp hay trong danh mục.");
                }

                if (CheckDecision($"{versionPath}.decision", version?.Decision) && j > 0 && row.Versions![j - 1]?.Decision is { } previous)
                {
                    Require(version!.Decision.EffectiveFrom >= previous.EffectiveFrom, $"{versionPath}.decision.effectiveFrom",
                        $"Phiên bản có hiệu lực {version.Decision.EffectiveFrom:dd/MM/yyyy}, trước phiên bản mà nó sửa đổi ({previous.EffectiveFrom:dd/MM/yyyy}).");
                }
            }

            foreach (var (change, j) in (row.StatusChanges ?? []).Select((c, j) => (c, j)))
            {
                var changePath = $"{path}.statusChanges[{j}]";
                if (Require(change is not null, changePath, "Dòng trống.") && CheckDecision($"{changePath}.decision", change!.Decision))
                {
                    Require(change.Status is not ProcedureStatus.Announced && Enum.IsDefined(change.Status), $"{changePath}.status", "Trạng thái không hợp lệ.");
                    Require(change.Status != ProcedureStatus.Replaced || (change.ReplacementCode is not null && procedures.Contains(change.ReplacementCode)),
                        $"{changePath}.replacementCode", $"Không có thủ tục thay thế mã {change.ReplacementCode}.");
                    Require(change.Status != ProcedureStatus.Suspended || !string.IsNullOrWhiteSpace(change.Reason), $"{changePath}.reason", "Phải ghi lý do tạm dừng.");
                }
            }
        }
    }

    private bool CheckDecision(string path, AnnouncingDecision? decision) =>
        Require(decision is not null, path, "Thiếu quyết định công bố.") && Validate(path, DecisionValidator, decision!);

    /// <summary>Records a failure of the file's row when <paramref name="holds"/> is false; returns whether it held.</summary>
    private bool Require(bool holds, string path, string message)
    {
        if (!holds)
        {
            errors.Add(new FieldError(path, message));
        }

        return holds;
    }

    private bool Validate<T>(string path, IValidator<T> validator, T? item)
    {
        if (!Require(item is not null, path, "Dòng trống."))
        {
            return false;
        }

        var result = validator.Validate(item!);
        errors.AddRange(result.Errors.Select(e => new FieldError($"{path}.{CamelPath(e.PropertyName)}", e.ErrorMessage, e.ErrorCode)));
        return result.IsValid;
    }

    /// <summary>"ProcessingTime.WorkingDays" as the JSON names it: "processingTime.workingDays".</summary>
    private static string CamelPath(string propertyName)
    {
        var path = new StringBuilder(propertyName.Length);
        var startOfSegment = true;
        foreach (var c in propertyName)
        {
            path.Append(startOfSegment ? char.ToLowerInvariant(c) : c);
            startOfSegment = c is '.' or ']';
        }

        return path.ToString();
    }
}
