using Onestop.Errors;

namespace Onestop.Catalogue.Domain;

/// <summary>Pure decisions: given a procedure's history and a request, the events to append or the reason to refuse.</summary>
public static class ProcedureDecisions
{
    public static ProcedurePublished Publish(Procedure? current, string code, ProcedureContent content, AnnouncingDecision decision) =>
        current is null
            ? new ProcedurePublished(code, content, decision)
            : throw AppException.Conflict("catalogue.procedure_exists", $"Thủ tục mã {code} đã có trong danh mục; hãy dùng sửa đổi, bổ sung.");

    public static ProcedureAmended Amend(Procedure? current, string code, ProcedureContent content, AnnouncingDecision decision)
    {
        var procedure = Existing(current, code);
        EnsureNotEnded(procedure);
        EnsureNotBefore(procedure, decision);
        return new ProcedureAmended(code, procedure.Latest.Number + 1, content, decision);
    }

    public static ProcedureReplaced Replace(Procedure? current, string code, string replacementCode, AnnouncingDecision decision)
    {
        var procedure = Existing(current, code);
        if (replacementCode == code)
        {
            throw AppException.Validation("replacementCode", "Thủ tục không thể được thay thế bởi chính nó.");
        }

        EnsureNotEnded(procedure);
        EnsureNotBefore(procedure, decision);
        return new ProcedureReplaced(code, replacementCode, decision);
    }

    public static ProcedureSuspended Suspend(Procedure? current, string code, string reason, AnnouncingDecision decision)
    {
        var procedure = Existing(current, code);
        EnsureNotEnded(procedure);
        EnsureNotBefore(procedure, decision);
        if (procedure.StatusChanges.LastOrDefault()?.Status == ProcedureStatus.Suspended)
        {
            throw AppException.Conflict("catalogue.already_suspended", $"Thủ tục {code} đang bị tạm dừng.");
        }

        return new ProcedureSuspended(code, reason, decision);
    }

    public static ProcedureReinstated Reinstate(Procedure? current, string code, AnnouncingDecision decision)
    {
        var procedure = Existing(current, code);
        EnsureNotBefore(procedure, decision);
        return procedure.StatusChanges.LastOrDefault()?.Status == ProcedureStatus.Suspended
            ? new ProcedureReinstated(code, decision)
            : throw AppException.Conflict("catalogue.not_suspended", $"Thủ tục {code} không ở trạng thái tạm dừng.");
    }

    public static ProcedureRepealed Repeal(Procedure? current, string code, AnnouncingDecision decision)
    {
        var procedure = Existing(current, code);
        EnsureNotEnded(procedure);
        EnsureNotBefore(procedure, decision);
        return new ProcedureRepealed(code, decision);
    }

    private static Procedure Existing(Procedure? current, string code) =>
        current ?? throw AppException.NotFound("catalogue.procedure_not_found", $"Không có thủ tục mã {code} trong danh mục.");

    private static void EnsureNotEnded(Procedure procedure)
    {
        if (procedure.IsEnded)
        {
            throw AppException.Conflict("catalogue.procedure_ended",
                $"Thủ tục {procedure.Code} đã bị {(procedure.StatusChanges[^1].Status == ProcedureStatus.Repealed ? "bãi bỏ" : "thay thế")}; không thể thay đổi thêm.");
        }
    }

    private static void EnsureNotBefore(Procedure procedure, AnnouncingDecision decision)
    {
        if (decision.EffectiveFrom < procedure.LatestEffectiveDate)
        {
            throw AppException.Validation("decision.effectiveFrom",
                $"Ngày có hiệu lực {decision.EffectiveFrom:dd/MM/yyyy} sớm hơn ngày hiệu lực {procedure.LatestEffectiveDate:dd/MM/yyyy} của quyết định trước đó.");
        }
    }
}
