namespace Onestop.Catalogue.Domain;

/// <summary>Version 1 of a procedure, announced by a decision.</summary>
public sealed record ProcedurePublished(string Code, ProcedureContent Content, AnnouncingDecision Decision);

/// <summary>A new version, in force from its decision's effective date; earlier versions stay readable.</summary>
public sealed record ProcedureAmended(string Code, int Version, ProcedureContent Content, AnnouncingDecision Decision);

/// <summary>The procedure is replaced by another from the decision's effective date.</summary>
public sealed record ProcedureReplaced(string Code, string ReplacementCode, AnnouncingDecision Decision);

public sealed record ProcedureSuspended(string Code, string Reason, AnnouncingDecision Decision);

/// <summary>A suspension lifted: the last version is in force again from the decision's effective date.</summary>
public sealed record ProcedureReinstated(string Code, AnnouncingDecision Decision);

public sealed record ProcedureRepealed(string Code, AnnouncingDecision Decision);

public static class CatalogueEventNames
{
    public static void Register(Onestop.EventStore.EventTypeRegistry registry) => registry
        .Register<ProcedurePublished>("catalogue.procedure_published.v1")
        .Register<ProcedureAmended>("catalogue.procedure_amended.v1")
        .Register<ProcedureReplaced>("catalogue.procedure_replaced.v1")
        .Register<ProcedureSuspended>("catalogue.procedure_suspended.v1")
        .Register<ProcedureReinstated>("catalogue.procedure_reinstated.v1")
        .Register<ProcedureRepealed>("catalogue.procedure_repealed.v1")
        .Register<FieldDefined>("catalogue.field_defined.v1")
        .Register<UnitRegistered>("catalogue.unit_registered.v1")
        .Register<UnitProceduresAssigned>("catalogue.unit_procedures_assigned.v1");
}
