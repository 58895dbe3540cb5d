namespace Onestop.Catalogue.Domain;

/// <summary>The lifecycle status of a procedure on a given date.</summary>
public enum ProcedureStatus
{
    /// <summary>Announced, but its first version is not yet in force.</summary>
    Announced,
    InForce,
    Suspended,
    Replaced,
    Repealed,
}

public sealed record ProcedureVersion(int Number, ProcedureContent Content, AnnouncingDecision Decision);

/// <summary>A status change from a decision's effective date on.</summary>
public sealed record StatusChange(ProcedureStatus Status, AnnouncingDecision Decision, string? ReplacementCode = null, string? Reason = null);

/// <summary>A procedure's whole history: every version and every status change, each dated by its decision.</summary>
public sealed record Procedure(string Code, IReadOnlyList<ProcedureVersion> Versions, IReadOnlyList<StatusChange> StatusChanges)
{
    public ProcedureVersion Latest => Versions[^1];

    public static Procedure Apply(Procedure? state, object e) => e switch
    {
        ProcedurePublished p => new Procedure(p.Code, [new ProcedureVersion(1, p.Content, p.Decision)], []),
        ProcedureAmended a => state! with { Versions = [.. state.Versions, new ProcedureVersion(a.Version, a.Content, a.Decision)] },
        ProcedureReplaced r => state!.WithStatus(new StatusChange(ProcedureStatus.Replaced, r.Decision, ReplacementCode: r.ReplacementCode)),
        ProcedureSuspended s => state!.WithStatus(new StatusChange(ProcedureStatus.Suspended, s.Decision, Reason: s.Reason)),
        ProcedureReinstated r => state!.WithStatus(new StatusChange(ProcedureStatus.InForce, r.Decision)),
        ProcedureRepealed r => state!.WithStatus(new StatusChange(ProcedureStatus.Repealed, r.Decision)),
        _ => state!,
    };

    /// <summary>The version in force on <paramref name="date"/>: the latest whose decision took effect by then.</summary>
    public ProcedureVersion? VersionOn(DateOnly date) =>
        Versions.LastOrDefault(v => v.Decision.EffectiveFrom <= date);

    public ProcedureStatus StatusOn(DateOnly date)
    {
        if (VersionOn(date) is null)
        {
            return ProcedureStatus.Announced;
        }

        return StatusChanges.LastOrDefault(c => c.Decision.EffectiveFrom <= date)?.Status ?? ProcedureStatus.InForce;
    }

    /// <summary>The date from which the catalogue's latest decision applies: no new decision may take effect before it.</summary>
    public DateOnly LatestEffectiveDate =>
        StatusChanges.Select(c => c.Decision.EffectiveFrom).Append(Latest.Decision.EffectiveFrom).Max();

    public bool IsEnded => StatusChanges.Count > 0 && StatusChanges[^1].Status is ProcedureStatus.Repealed or ProcedureStatus.Replaced;

    private Procedure WithStatus(StatusChange change) => this with { StatusChanges = [.. StatusChanges, change] };
}
