namespace Onestop.Dossiers.Domain;

/// <summary>A dossier's state, folded from its stream. Immutable: <see cref="Apply"/> returns the next state.</summary>
public sealed record Dossier(
    Guid Id,
    string Code,
    DossierStatus Status,
    IntakeChannel Channel,
    string ReceivingUnit,
    string HandlingUnit,
    string? Assignee,
    ProcedureRef Procedure,
    Applicant Applicant,
    IReadOnlyList<ReceivedComponent> Components,
    string? PortalReference,
    string LookupSecretHash,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? ReceivedAt = null,
    DateTimeOffset? DueAt = null,
    DateTimeOffset? AppointmentAt = null,
    IReadOnlyList<string>? DueExplanation = null,
    DateTimeOffset? PausedSince = null,
    DossierStatus? ResumeStatus = null,
    IReadOnlyList<string>? MissingComponents = null,
    IReadOnlyList<ProcessStep>? Steps = null,
    IReadOnlyList<FinancialObligation>? Obligations = null,
    IReadOnlyList<Payment>? Payments = null,
    Proposal? Proposal = null,
    Decision? Decision = null,
    DateTimeOffset? ResultReadyAt = null,
    ResultReturn? Return = null,
    DateTimeOffset? ClosedAt = null,
    string? ClosingReason = null,
    Rating? Rating = null,
    int Apologies = 0)
{
    public IReadOnlyList<string> DueExplanationLines => DueExplanation ?? [];

    public IReadOnlyList<ProcessStep> StepList => Steps ?? [];

    public IReadOnlyList<FinancialObligation> ObligationList => Obligations ?? [];

    public IReadOnlyList<Payment> PaymentList => Payments ?? [];

    public ProcessStep? CurrentStep => StepList.Count > 0 && StepList[^1].CompletedAt is null ? StepList[^1] : null;

    /// <summary>What is still owed: obligations requested minus payments recorded.</summary>
    public decimal Outstanding => Math.Max(0, ObligationList.Sum(o => o.Amount) - PaymentList.Sum(p => p.Amount));

    public bool IsClosed => Status is DossierStatus.Returned or DossierStatus.Refused or DossierStatus.Withdrawn or DossierStatus.Stopped;

    public static Dossier Apply(Dossier? state, object e) => e switch
    {
        DossierSubmittedOnline s => new Dossier(s.DossierId, s.Code, DossierStatus.SubmittedOnline, IntakeChannel.Online, s.ReceivingUnit,
            s.ReceivingUnit, null, s.Procedure, s.Applicant, s.Components, s.PortalReference, s.LookupSecretHash, s.At),
        DossierReceived r => new Dossier(r.DossierId, r.Code, DossierStatus.Received, r.Channel, r.ReceivingUnit, r.ReceivingUnit, null,
            r.Procedure, r.Applicant, r.Components, null, r.LookupSecretHash, r.At, ReceivedAt: r.At, DueAt: r.DueAt,
            DueExplanation: r.DueExplanation, Steps: [DeskStep(r.ReceivingUnit, r.By, r.At, r.DeskStepDueAt)]),
        OnlineDossierAccepted a => state! with
        {
            Status = DossierStatus.Received, ReceivedAt = a.At, DueAt = a.DueAt, DueExplanation = a.DueExplanation,
            Steps = [DeskStep(state.ReceivingUnit, a.By, a.At, a.DeskStepDueAt)],
        },
        DossierRefused r => state!.Close(DossierStatus.Refused, r.At, r.Reason),
        SupplementRequested s => state! with
        {
            Status = DossierStatus.AwaitingSupplement, ResumeStatus = state.Status, MissingComponents = s.Missing,
            PausedSince = state.ReceivedAt is null ? null : s.At,
        },
        SupplementReceived s => state! with
        {
            Status = state.ResumeStatus ?? DossierStatus.InProcessing, ResumeStatus = null, MissingComponents = null,
            Components = [.. state.Components.Where(c => s.Components.All(n => n.Code != c.Code)), .. s.Components],
        },
        DeadlineExtended d => state! with
        {
            PausedSince = null, DueAt = d.DueAt, DueExplanation = [.. state.DueExplanationLines, .. d.Explanation],
            Steps = d.StepDueAt is { } stepDue && state.CurrentStep is { } step ? state.ReplaceCurrent(step with { DueAt = stepDue }) : state.Steps,
        },
        DossierAssigned a => state!.OpenStep(new ProcessStep(a.StepNumber, a.StepName, a.Unit, a.Assignee, a.At, a.StepDueAt), a.At) with
        {
            Status = DossierStatus.InProcessing, HandlingUnit = a.Unit, Assignee = a.Assignee,
        },
        FinancialObligationRequested f => state! with
        {
            Status = DossierStatus.AwaitingPayment, ResumeStatus = state.Status, PausedSince = f.At,
            Obligations = [.. state.ObligationList, new FinancialObligation(f.Description, f.Amount, f.At)],
        },
        FeePaid p => state!.WithPayment(new Payment(p.Description, p.Amount, p.Method, p.ReceiptNumber, p.At)),
        DossierProposed p => state!.OpenStep(new ProcessStep(state.StepList.Count + 1, "Lãnh đạo xem xét, phê duyệt", state.HandlingUnit, null, p.At, p.ApprovalStepDueAt), p.At) with
        {
            Status = DossierStatus.AwaitingApproval, Assignee = null, Proposal = new Proposal(p.Outcome, p.Summary, p.At, p.By.Official),
        },
        DossierDecided d => state! with { Status = DossierStatus.Decided, Decision = new Decision(d.Outcome, d.Reasons, d.DocumentNumber, d.At, d.By.Official) },
        ResultReady r => state!.CompleteStep(r.At) with
        {
            Status = DossierStatus.ResultReady, ResultReadyAt = r.At, HandlingUnit = state.ReceivingUnit, Assignee = null,
        },
        ResultReturned r => state! with
        {
            Status = DossierStatus.Returned, Return = new ResultReturn(r.Method, r.Recipient, r.TrackingNumber, r.At), ClosedAt = r.At,
        },
        DossierWithdrawn w => state!.Close(DossierStatus.Withdrawn, w.At, w.Reason),
        ProcessingStopped s => state!.Close(DossierStatus.Stopped, s.At, s.Reason),
        ApologyIssued a => state! with { AppointmentAt = a.NewAppointmentAt, Apologies = state.Apologies + 1 },
        DossierRated r => state! with { Rating = new Rating(r.Score, r.Comment, r.At) },
        LookupSecretReissued l => state! with { LookupSecretHash = l.LookupSecretHash },
        _ => state!,
    };

    private static ProcessStep DeskStep(string unit, ActedBy by, DateTimeOffset at, DateTimeOffset due) =>
        new(1, "Tiếp nhận và chuyển hồ sơ", unit, by.Official, at, due);

    private Dossier Close(DossierStatus status, DateTimeOffset at, string reason) =>
        CompleteStep(at) with { Status = status, ClosedAt = at, ClosingReason = reason, PausedSince = null };

    private Dossier CompleteStep(DateTimeOffset at) =>
        CurrentStep is { } step ? this with { Steps = ReplaceCurrent(step with { CompletedAt = at }) } : this;

    private Dossier OpenStep(ProcessStep step, DateTimeOffset at)
    {
        var done = CompleteStep(at);
        return done with { Steps = [.. done.StepList, step] };
    }

    private IReadOnlyList<ProcessStep> ReplaceCurrent(ProcessStep step) => [.. StepList.Take(StepList.Count - 1), step];

    private Dossier WithPayment(Payment payment)
    {
        var paid = this with { Payments = [.. PaymentList, payment] };
        return Status == DossierStatus.AwaitingPayment && paid.Outstanding == 0
            ? paid with { Status = ResumeStatus ?? DossierStatus.InProcessing, ResumeStatus = null }
            : paid;
    }
}
