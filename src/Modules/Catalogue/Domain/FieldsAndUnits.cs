namespace Onestop.Catalogue.Domain;

/// <summary>A field of procedures (lĩnh vực), with the slug its public page and QR code use.</summary>
public sealed record FieldDefined(string Code, string Name, string Slug, int Order);

public enum UnitKind
{
    Province,
    Commune,
    /// <summary>Trung tâm Phục vụ hành chính công.</summary>
    ServiceCentre,
    Agency,
}

/// <summary>An administrative unit, keyed by its electronic identifier code (mã định danh điện tử).</summary>
public sealed record UnitRegistered(string Code, string Name, UnitKind Kind, string? ParentCode, string? Address);

/// <summary>The full list of procedures a unit applies (receives dossiers for), replacing the previous list.</summary>
public sealed record UnitProceduresAssigned(string Code, IReadOnlyList<string> ProcedureCodes);
