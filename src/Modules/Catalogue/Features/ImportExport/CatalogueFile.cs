using Onestop.Catalogue.Domain;

namespace Onestop.Catalogue.Features.ImportExport;

/// <summary>A whole province's catalogue: what export writes and import reads.</summary>
public sealed record CatalogueFile(
    string? Note,
    IReadOnlyList<FieldRow> Fields,
    IReadOnlyList<UnitRow> Units,
    IReadOnlyList<ProcedureRow> Procedures);

public sealed record FieldRow(string Code, string Name, int Order);

/// <summary>A unit with the procedures it applies; an omitted list leaves the unit's assignments as they are.</summary>
public sealed record UnitRow(string Code, string Name, UnitKind Kind, string? ParentCode, string? Address, IReadOnlyList<string>? Procedures);

/// <summary>A procedure's whole history, oldest first.</summary>
public sealed record ProcedureRow(string Code, IReadOnlyList<VersionRow> Versions, IReadOnlyList<StatusRow>? StatusChanges);

/// <summary>A version as its decision announced it; the number is informative, import numbers versions itself.</summary>
public sealed record VersionRow(int Version, ProcedureContent Content, AnnouncingDecision Decision);

public sealed record StatusRow(ProcedureStatus Status, AnnouncingDecision Decision, string? ReplacementCode = null, string? Reason = null);

/// <summary>What an import did: a re-import of the same file reports everything unchanged.</summary>
public sealed record ImportSummary(
    int ProceduresCreated,
    int ProceduresAmended,
    int ProceduresUnchanged,
    int StatusChangesAppended,
    int FieldsDefined,
    int UnitsRegistered,
    int AssignmentsChanged,
    int EventsAppended);
