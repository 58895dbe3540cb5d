using Onestop.Catalogue.Domain.Calendar;
using Onestop.Errors;

namespace Onestop.Dossiers.Domain;

/// <summary>
/// Pure decisions: given a dossier and a request, the events to append or the reason to refuse. Each guard names,
/// in Vietnamese, the action refused and the state that forbids it (code "dossier.illegal_transition").
/// </summary>
public static class DossierDecisions
{
    public const string IllegalTransition = "dossier.illegal_transition";

    private static readonly DossierStatus[] Open =
    [
        DossierStatus.SubmittedOnline, DossierStatus.Received, DossierStatus.InProcessing, DossierStatus.AwaitingSupplement,
        DossierStatus.AwaitingPayment, DossierStatus.AwaitingApproval,
    ];

    public static DossierReceived Receive(
        Guid id, string code, string unit, IntakeChannel channel, ProcedureRef procedure, Applicant applicant,
        IReadOnlyList<ReceivedComponent> components, string secretHash, DecisionContext context)
    {
        var due = Deadlines.AddWorkingDays(context.Calendar, context.Now, procedure.ProcessingTime, context.Hours);
        return new DossierReceived(id, code, unit, channel, procedure, applicant, components, secretHash, context.Now, context.By,
            due.Due, due.Explanation, DeskStepDue(procedure, context));
    }

    public static OnlineDossierAccepted Accept(Dossier dossier, DecisionContext context)
    {
        Require(dossier, "tiếp nhận hồ sơ trực tuyến", DossierStatus.SubmittedOnline);
        var due = Deadlines.AddWorkingDays(context.Calendar, context.Now, dossier.Procedure.ProcessingTime, context.Hours);
        return new OnlineDossierAccepted(context.Now, context.By, due.Due, due.Explanation, DeskStepDue(dossier.Procedure, context));
    }

    public static DossierRefused Refuse(Dossier dossier, string reason, DecisionContext context)
    {
        if (dossier.ReceivedAt is not null || dossier.IsClosed)
        {
            throw Illegal(dossier, "từ chối tiếp nhận (chỉ áp dụng cho hồ sơ nộp trực tuyến chưa được tiếp nhận)");
        }

        return new DossierRefused(reason, context.Now, context.By);
    }

    public static SupplementRequested RequestSupplement(Dossier dossier, IReadOnlyList<string> missing, string? note, DecisionContext context)
    {
        Require(dossier, "yêu cầu bổ sung hồ sơ", DossierStatus.SubmittedOnline, DossierStatus.Received, DossierStatus.InProcessing);
        return new SupplementRequested(missing, note, context.Now, context.By);
    }

    public static IReadOnlyList<object> ReceiveSupplement(Dossier dossier, IReadOnlyList<ReceivedComponent> components, string? note, DecisionContext context)
    {
        Require(dossier, "nhận hồ sơ bổ sung", DossierStatus.AwaitingSupplement);
        var received = new SupplementReceived(components, note, context.Now, context.By);
        return dossier.PausedSince is null
            ? [received]
            : [received, DossierClock.Resume(dossier, context, "yêu cầu bổ sung hồ sơ", "đã nhận hồ sơ bổ sung")];
    }

    public static DossierAssigned Assign(
        Dossier dossier, string stepName, string unit, string? assignee, int? workingDays, string? note, DecisionContext context)
    {
        Require(dossier, "chuyển xử lý", DossierStatus.Received, DossierStatus.InProcessing, DossierStatus.AwaitingApproval);
        var due = workingDays is { } days ? DossierClock.StepDue(context, context.Now, days, dossier.Procedure.ProcessingTime.CutOffHour) : dossier.DueAt!.Value;
        return new DossierAssigned(dossier.StepList.Count + 1, stepName, unit, assignee, unit != dossier.HandlingUnit, due, note, context.Now, context.By);
    }

    public static FinancialObligationRequested RequestFinancialObligation(Dossier dossier, string description, decimal amount, DecisionContext context)
    {
        Require(dossier, "yêu cầu thực hiện nghĩa vụ tài chính", DossierStatus.Received, DossierStatus.InProcessing);
        return new FinancialObligationRequested(description, amount, context.Now, context.By);
    }

    public static IReadOnlyList<object> RecordPayment(
        Dossier dossier, string description, decimal amount, string method, string? receiptNumber, DecisionContext context)
    {
        Require(dossier, "ghi nhận nộp phí, lệ phí",
            [.. Open.Except([DossierStatus.AwaitingSupplement]), DossierStatus.Decided, DossierStatus.ResultReady]);
        var paid = new FeePaid(description, amount, method, receiptNumber, context.Now, context.By);
        var after = Dossier.Apply(dossier, paid);
        return dossier.Status == DossierStatus.AwaitingPayment && after.Status != DossierStatus.AwaitingPayment && dossier.PausedSince is not null
            ? [paid, DossierClock.Resume(dossier, context, "chờ thực hiện nghĩa vụ tài chính", "đã hoàn thành nghĩa vụ tài chính")]
            : [paid];
    }

    public static DossierProposed Propose(Dossier dossier, DecisionOutcome outcome, string summary, DecisionContext context)
    {
        Require(dossier, "trình lãnh đạo phê duyệt", DossierStatus.InProcessing);
        return new DossierProposed(outcome, summary, dossier.DueAt!.Value, context.Now, context.By);
    }

    public static DossierDecided Decide(Dossier dossier, DecisionOutcome outcome, string reasons, string? documentNumber, DecisionContext context)
    {
        Require(dossier, outcome == DecisionOutcome.Approve ? "phê duyệt" : "từ chối giải quyết", DossierStatus.AwaitingApproval);
        return new DossierDecided(outcome, reasons, documentNumber, context.Now, context.By);
    }

    public static ResultReady MarkResultReady(Dossier dossier, string? note, DecisionContext context)
    {
        Require(dossier, "xác nhận đã có kết quả", DossierStatus.Decided);
        return new ResultReady(note, context.Now, context.By);
    }

    public static ResultReturned ReturnResult(Dossier dossier, ReturnMethod method, string? recipient, string? trackingNumber, DecisionContext context)
    {
        Require(dossier, "trả kết quả", DossierStatus.ResultReady);
        if (dossier.Outstanding > 0)
        {
            throw AppException.Conflict("dossier.unpaid",
                $"Không thể trả kết quả: người nộp chưa hoàn thành nghĩa vụ tài chính, còn thiếu {dossier.Outstanding:#,0} đồng.");
        }

        return new ResultReturned(method, recipient, trackingNumber, context.Now, context.By);
    }

    public static DossierWithdrawn Withdraw(Dossier dossier, string reason, DecisionContext context)
    {
        Require(dossier, "rút hồ sơ theo yêu cầu của người nộp", Open);
        return new DossierWithdrawn(reason, context.Now, context.By);
    }

    public static ProcessingStopped Stop(Dossier dossier, string reason, DecisionContext context)
    {
        Require(dossier, "dừng xử lý", [.. Open.Except([DossierStatus.SubmittedOnline])]);
        return new ProcessingStopped(reason, context.Now, context.By);
    }

    /// <summary>
    /// Allowed from the last working day before the due day on (an apology is sent at the latest one day before the
    /// deadline, verify), and the new appointment must come after the current one.
    /// </summary>
    public static ApologyIssued Apologise(Dossier dossier, string reason, DateTimeOffset newAppointment, DecisionContext context)
    {
        Require(dossier, "lập phiếu xin lỗi và hẹn lại ngày trả kết quả",
            DossierStatus.Received, DossierStatus.InProcessing, DossierStatus.AwaitingPayment, DossierStatus.AwaitingApproval, DossierStatus.Decided);
        var dueDay = Deadlines.LocalDate(dossier.DueAt!.Value);
        var from = PreviousWorkingDay(context.Calendar, dueDay);
        if (Deadlines.LocalDate(context.Now) < from)
        {
            throw AppException.Conflict("dossier.not_late",
                $"Chưa thể lập phiếu xin lỗi: hồ sơ còn hạn đến {DossierClock.Moment(dossier.DueAt.Value)}; phiếu được lập từ {VietnameseDates.Format(from)}.");
        }

        var current = dossier.AppointmentAt ?? dossier.DueAt.Value;
        if (newAppointment <= current || newAppointment <= context.Now)
        {
            throw AppException.Validation("newAppointmentAt", $"Ngày hẹn mới phải sau ngày hẹn hiện tại ({DossierClock.Moment(current)}) và sau thời điểm hiện tại.");
        }

        return new ApologyIssued(reason, newAppointment, context.Now, context.By);
    }

    public static DossierRated Rate(Dossier dossier, int score, string? comment, DecisionContext context)
    {
        Require(dossier, "đánh giá mức độ hài lòng", DossierStatus.Returned);
        return dossier.Rating is null
            ? new DossierRated(score, comment, context.Now, context.By)
            : throw AppException.Conflict("dossier.already_rated", $"Hồ sơ {dossier.Code} đã được đánh giá.");
    }

    public static LookupSecretReissued ReissueLookupSecret(Dossier dossier, string secretHash, DecisionContext context) =>
        new(secretHash, context.Now, context.By);

    public static AppException Illegal(Dossier dossier, string action) =>
        AppException.Conflict(IllegalTransition, $"Không thể {action}: hồ sơ {dossier.Code} đang ở trạng thái «{DossierTexts.Status(dossier.Status)}».");

    private static void Require(Dossier dossier, string action, params DossierStatus[] allowed)
    {
        if (!allowed.Contains(dossier.Status))
        {
            throw Illegal(dossier, action);
        }
    }

    /// <summary>The desk hands a dossier on the day of receipt, or the next working day after the cut-off hour.</summary>
    private static DateTimeOffset DeskStepDue(ProcedureRef procedure, DecisionContext context) =>
        DossierClock.StepDue(context, context.Now, 0, procedure.ProcessingTime.CutOffHour);

    private static DateOnly PreviousWorkingDay(WorkingCalendar calendar, DateOnly day)
    {
        var previous = day.AddDays(-1);
        while (!calendar.IsWorkingDay(previous))
        {
            previous = previous.AddDays(-1);
        }

        return previous;
    }
}
