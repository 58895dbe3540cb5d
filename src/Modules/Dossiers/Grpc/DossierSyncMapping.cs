using Google.Protobuf.WellKnownTypes;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Intake;
using Onestop.Dossiers.Features.Queries;
using Onestop.Dossiers.Features.Sync;
using Proto = Onestop.Contracts.Dossiers.V1;

namespace Onestop.Dossiers.Grpc;

/// <summary>Proto messages of DossierSync to and from the module's commands and views.</summary>
internal static class DossierSyncMapping
{
    public static SubmitOnlineDossier ToCommand(this Proto.SubmitDossierRequest request) => new(
        request.PortalReference, request.UnitCode, request.ProcedureCode, request.Applicant?.ToDomain()!,
        [.. request.Components.Select(c => new ComponentReceipt(c.Code, c.Originals, c.Copies))]);

    public static Proto.DossierStatus ToProto(this DossierStatus status) => status switch
    {
        DossierStatus.SubmittedOnline => Proto.DossierStatus.SubmittedOnline,
        DossierStatus.Received => Proto.DossierStatus.Received,
        DossierStatus.InProcessing => Proto.DossierStatus.InProcessing,
        DossierStatus.AwaitingSupplement => Proto.DossierStatus.AwaitingSupplement,
        DossierStatus.AwaitingPayment => Proto.DossierStatus.AwaitingPayment,
        DossierStatus.AwaitingApproval => Proto.DossierStatus.AwaitingApproval,
        DossierStatus.Decided => Proto.DossierStatus.Decided,
        DossierStatus.ResultReady => Proto.DossierStatus.ResultReady,
        DossierStatus.Returned => Proto.DossierStatus.Returned,
        DossierStatus.Refused => Proto.DossierStatus.Refused,
        DossierStatus.Withdrawn => Proto.DossierStatus.Withdrawn,
        DossierStatus.Stopped => Proto.DossierStatus.Stopped,
        _ => Proto.DossierStatus.Unspecified,
    };

    public static Proto.SubmittedDossier ToProto(this DossierIntake intake) => new()
    {
        DossierId = intake.Id.ToString(), Code = intake.Code, Version = intake.Version, Status = intake.Status.ToProto(),
        StatusText = intake.StatusText, LookupSecret = intake.LookupSecret,
    };

    public static Proto.DossierStatusView ToProto(this DossierView view)
    {
        var proto = new Proto.DossierStatusView
        {
            DossierId = view.Id.ToString(), Code = view.Code, Version = view.Version, Status = view.Status.ToProto(), StatusText = view.StatusText,
            ProcedureCode = view.Procedure.Code, ProcedureName = view.Procedure.Name, ReceivingUnit = view.ReceivingUnit,
            HandlingUnit = view.HandlingUnit, PortalReference = view.PortalReference ?? "", SubmittedAt = Time(view.SubmittedAt),
            ReceivedAt = Time(view.ReceivedAt), DueAt = Time(view.DueAt), AppointmentAt = Time(view.AppointmentAt),
            Timeliness = view.Timeliness.StatusText, OutstandingAmount = Dong(view.Outstanding),
        };
        proto.DueExplanation.AddRange(view.DueExplanation);
        proto.MissingComponents.AddRange(view.MissingComponents);
        proto.History.AddRange(view.History.Select(h => new Proto.HistoryEntry
        {
            Version = h.Version, Type = h.Type, At = Time(h.At), Unit = h.Unit ?? "", Description = h.Description,
        }));
        return proto;
    }

    public static Proto.DossierChange ToProto(this DossierChange change) => new()
    {
        Cursor = change.Cursor.ToString(), DossierId = change.DossierId.ToString(), Code = change.Code,
        PortalReference = change.PortalReference ?? "", ReceivingUnit = change.ReceivingUnit, Version = change.Version, Type = change.Type,
        Status = change.Status?.ToProto() ?? Proto.DossierStatus.Unspecified,
        StatusText = change.Status is { } status ? DossierTexts.Status(status) : "", At = Time(change.At), DueAt = Time(change.DueAt),
        Unit = change.Unit ?? "", Description = change.Description, CommittedAt = Time(change.CommittedAt),
    };

    /// <summary>Amounts travel as whole đồng.</summary>
    public static long Dong(decimal amount) => (long)decimal.Round(amount, MidpointRounding.AwayFromZero);

    private static Applicant ToDomain(this Proto.Applicant applicant) => new(
        applicant.FullName, Empty(applicant.IdentityNumber), Empty(applicant.Phone), Empty(applicant.Email), Empty(applicant.Address),
        Empty(applicant.AreaCode), Empty(applicant.OrganizationName));

    private static Timestamp? Time(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}
