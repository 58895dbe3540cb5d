using Onestop.Catalogue.Domain;

namespace Onestop.Dossiers.Domain;

/// <summary>Where a dossier came in: at the one-stop desk, through a public-service portal, or by post.</summary>
public enum IntakeChannel
{
    Direct,
    Online,
    Post,
}

/// <summary>The states of a dossier, close to those the national portal mirrors (see docs/dossiers.md).</summary>
public enum DossierStatus
{
    SubmittedOnline,
    Received,
    InProcessing,
    AwaitingSupplement,
    AwaitingPayment,
    AwaitingApproval,
    Decided,
    ResultReady,
    Returned,
    Refused,
    Withdrawn,
    Stopped,
}

public enum DecisionOutcome
{
    Approve,
    Reject,
}

/// <summary>How the result reaches the applicant.</summary>
public enum ReturnMethod
{
    Desk,
    Post,
    Electronic,
}

/// <summary>Who acted and for which unit; null official for an integrating system acting alone.</summary>
public sealed record ActedBy(string? Official, string? Unit);

/// <summary>The person or organisation filing the dossier (người nộp hồ sơ). Personal data: masked outside the detail view.</summary>
/// <param name="AreaCode">The unit (commune, province) where the applicant lives or has its seat, when known.</param>
public sealed record Applicant(
    string FullName,
    string? IdentityNumber,
    string? Phone,
    string? Email = null,
    string? Address = null,
    string? AreaCode = null,
    string? OrganizationName = null);

/// <summary>A component handed in: which one of the checklist and how many originals and copies.</summary>
public sealed record ReceivedComponent(string Code, string Name, int Originals, int Copies);

/// <summary>The catalogue version the dossier is filed under, with its checklist; the dossier stays pinned to it.</summary>
public sealed record ProcedureRef(
    string Code, int Version, string Name, ProcessingTime ProcessingTime, bool ReceivableAnywhere, IReadOnlyList<ComponentSpec> Checklist);

/// <summary>A step of processing (bước xử lý), with its own due time, so lateness can be pinned on it.</summary>
public sealed record ProcessStep(
    int Number,
    string Name,
    string Unit,
    string? Assignee,
    DateTimeOffset StartedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? CompletedAt = null);

/// <summary>A financial obligation (nghĩa vụ tài chính) the applicant must fulfil, or a fee.</summary>
public sealed record FinancialObligation(string Description, decimal Amount, DateTimeOffset At);

public sealed record Payment(string Description, decimal Amount, string Method, string? ReceiptNumber, DateTimeOffset At);

public sealed record Proposal(DecisionOutcome Outcome, string Summary, DateTimeOffset At, string? By);

public sealed record Decision(DecisionOutcome Outcome, string Reasons, string? DocumentNumber, DateTimeOffset At, string? By);

public sealed record ResultReturn(ReturnMethod Method, string? Recipient, string? TrackingNumber, DateTimeOffset At);

/// <summary>The citizen's satisfaction (mức độ hài lòng): 1 not satisfied, 2 satisfied, 3 very satisfied.</summary>
public sealed record Rating(int Score, string? Comment, DateTimeOffset At);
