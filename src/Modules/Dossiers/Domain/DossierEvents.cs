using Onestop.EventStore;

namespace Onestop.Dossiers.Domain;

/// <summary>
/// The events of a dossier's stream. Each says when (<c>At</c>, the platform clock) and who for which unit
/// (<c>By</c>); the event metadata repeats actor and unit for auditors. The lookup secret is stored only hashed.
/// </summary>
public sealed record DossierSubmittedOnline(
    Guid DossierId, string Code, string ReceivingUnit, string PortalReference, ProcedureRef Procedure, Applicant Applicant,
    IReadOnlyList<ReceivedComponent> Components, string LookupSecretHash, DateTimeOffset At, ActedBy By);

/// <summary>Received complete at the desk or by post: the clock starts, the due date is set with its explanation.</summary>
public sealed record DossierReceived(
    Guid DossierId, string Code, string ReceivingUnit, IntakeChannel Channel, ProcedureRef Procedure, Applicant Applicant,
    IReadOnlyList<ReceivedComponent> Components, string LookupSecretHash, DateTimeOffset At, ActedBy By,
    DateTimeOffset DueAt, IReadOnlyList<string> DueExplanation, DateTimeOffset DeskStepDueAt);

/// <summary>An online dossier accepted by an officer: the clock starts now.</summary>
public sealed record OnlineDossierAccepted(DateTimeOffset At, ActedBy By, DateTimeOffset DueAt, IReadOnlyList<string> DueExplanation, DateTimeOffset DeskStepDueAt);

public sealed record DossierRefused(string Reason, DateTimeOffset At, ActedBy By);

/// <summary>Missing or incorrect components: the clock pauses while the applicant completes the dossier.</summary>
public sealed record SupplementRequested(IReadOnlyList<string> Missing, string? Note, DateTimeOffset At, ActedBy By);

public sealed record SupplementReceived(IReadOnlyList<ReceivedComponent> Components, string? Note, DateTimeOffset At, ActedBy By);

/// <summary>The clock runs again after a pause; the due dates moved by the paused working days.</summary>
public sealed record DeadlineExtended(
    int PausedWorkingDays, DateTimeOffset DueAt, DateTimeOffset? StepDueAt, IReadOnlyList<string> Explanation, DateTimeOffset At);

/// <summary>Handed to a step, unit or official; <c>InterAgency</c> when it crosses to another unit (liên thông).</summary>
public sealed record DossierAssigned(
    int StepNumber, string StepName, string Unit, string? Assignee, bool InterAgency, DateTimeOffset StepDueAt, string? Note,
    DateTimeOffset At, ActedBy By);

public sealed record FinancialObligationRequested(string Description, decimal Amount, DateTimeOffset At, ActedBy By);

public sealed record FeePaid(string Description, decimal Amount, string Method, string? ReceiptNumber, DateTimeOffset At, ActedBy By);

public sealed record DossierProposed(DecisionOutcome Outcome, string Summary, DateTimeOffset ApprovalStepDueAt, DateTimeOffset At, ActedBy By);

public sealed record DossierDecided(DecisionOutcome Outcome, string Reasons, string? DocumentNumber, DateTimeOffset At, ActedBy By);

/// <summary>The result is ready; the dossier goes back to the receiving desk to be returned.</summary>
public sealed record ResultReady(string? Note, DateTimeOffset At, ActedBy By);

public sealed record ResultReturned(ReturnMethod Method, string? Recipient, string? TrackingNumber, DateTimeOffset At, ActedBy By);

public sealed record DossierWithdrawn(string Reason, DateTimeOffset At, ActedBy By);

public sealed record ProcessingStopped(string Reason, DateTimeOffset At, ActedBy By);

/// <summary>Phiếu xin lỗi và hẹn lại ngày trả kết quả: the new appointment; the legal due date does not move.</summary>
public sealed record ApologyIssued(string Reason, DateTimeOffset NewAppointmentAt, DateTimeOffset At, ActedBy By);

public sealed record DossierRated(int Score, string? Comment, DateTimeOffset At, ActedBy By);

public sealed record LookupSecretReissued(string LookupSecretHash, DateTimeOffset At, ActedBy By);

public static class DossierEventNames
{
    public static void Register(EventTypeRegistry registry) => registry
        .Register<DossierSubmittedOnline>("dossiers.submitted_online.v1")
        .Register<DossierReceived>("dossiers.received.v1")
        .Register<OnlineDossierAccepted>("dossiers.online_accepted.v1")
        .Register<DossierRefused>("dossiers.refused.v1")
        .Register<SupplementRequested>("dossiers.supplement_requested.v1")
        .Register<SupplementReceived>("dossiers.supplement_received.v1")
        .Register<DeadlineExtended>("dossiers.deadline_extended.v1")
        .Register<DossierAssigned>("dossiers.assigned.v1")
        .Register<FinancialObligationRequested>("dossiers.financial_obligation_requested.v1")
        .Register<FeePaid>("dossiers.fee_paid.v1")
        .Register<DossierProposed>("dossiers.proposed.v1")
        .Register<DossierDecided>("dossiers.decided.v1")
        .Register<ResultReady>("dossiers.result_ready.v1")
        .Register<ResultReturned>("dossiers.result_returned.v1")
        .Register<DossierWithdrawn>("dossiers.withdrawn.v1")
        .Register<ProcessingStopped>("dossiers.processing_stopped.v1")
        .Register<ApologyIssued>("dossiers.apology_issued.v1")
        .Register<DossierRated>("dossiers.rated.v1")
        .Register<LookupSecretReissued>("dossiers.lookup_secret_reissued.v1");
}
