using Onestop.Dossiers.Domain;
using Shouldly;
using Xunit;
using static Onestop.Dossiers.Tests.Domain.DomainFixtures;

namespace Onestop.Dossiers.Tests.Domain;

public sealed class DeadlineTests
{
    [Fact]
    public void five_working_days_from_thursday_12_february_2026_skip_tet_and_fall_on_thursday_26_february()
    {
        var dossier = Received(Local(2026, 2, 12, 10));

        dossier.DueAt.ShouldBe(Local(2026, 2, 26, 17));
        dossier.DueExplanationLines.ShouldContain("Thứ Ba 17/02/2026: nghỉ Tết Nguyên đán");
        dossier.DueExplanationLines[^1].ShouldBe("Hạn giải quyết: 17:00 Thứ Năm 26/02/2026 (5 ngày làm việc, không tính ngày tiếp nhận).");
        dossier.StepList.Single().DueAt.ShouldBe(Local(2026, 2, 12, 17), "the desk hands the dossier on the day of receipt");
    }

    [Fact]
    public void a_supplement_from_tuesday_24_to_friday_27_february_pauses_three_working_days_and_moves_the_due_date_to_3_march()
    {
        var received = Received(Local(2026, 2, 12, 10));
        var dossier = received.Then(DossierDecisions.Assign(received, "Thẩm định hồ sơ", Desk, "hoa.pt", 3, null, At(Local(2026, 2, 13, 8))));
        dossier.CurrentStep!.DueAt.ShouldBe(Local(2026, 2, 25, 17));
        dossier = dossier.Then(DossierDecisions.RequestSupplement(dossier, ["Bản sao trích lục ly hôn"], null, At(Local(2026, 2, 24, 9))));
        dossier.PausedSince.ShouldBe(Local(2026, 2, 24, 9));

        var events = DossierDecisions.ReceiveSupplement(dossier, [], null, At(Local(2026, 2, 27, 10)));
        var resumed = dossier.Then(events);

        var extended = events.OfType<DeadlineExtended>().Single();
        extended.PausedWorkingDays.ShouldBe(3);
        resumed.DueAt.ShouldBe(Local(2026, 3, 3, 17));
        resumed.CurrentStep!.DueAt.ShouldBe(Local(2026, 3, 2, 17), "the step's own due date moves by the same three working days");
        extended.Explanation.ShouldBe(
        [
            "Tạm dừng tính thời hạn từ 09:00 Thứ Ba 24/02/2026 (yêu cầu bổ sung hồ sơ) đến 10:00 Thứ Sáu 27/02/2026 (đã nhận hồ sơ bổ sung): 3 ngày làm việc.",
            "Thứ Bảy 28/02/2026: nghỉ cuối tuần",
            "Chủ Nhật 01/03/2026: nghỉ cuối tuần",
            "Hạn giải quyết lùi 3 ngày làm việc: 17:00 Thứ Ba 03/03/2026.",
        ]);
        resumed.PausedSince.ShouldBeNull();
        resumed.Status.ShouldBe(DossierStatus.InProcessing);
    }

    [Fact]
    public void a_step_given_two_working_days_on_friday_13_february_is_due_on_tuesday_24_february()
    {
        var dossier = Received(Local(2026, 2, 12, 10));

        var assigned = DossierDecisions.Assign(dossier, "Thẩm định hồ sơ", Desk, "hoa.pt", 2, null, At(Local(2026, 2, 13, 8)));

        assigned.StepDueAt.ShouldBe(Local(2026, 2, 24, 17));
        assigned.InterAgency.ShouldBeFalse();
    }

    [Fact]
    public void an_overdue_dossier_names_the_first_late_step_and_its_unit()
    {
        var received = Received(Local(2026, 2, 12, 10));
        var dossier = received.Then(DossierDecisions.Assign(received, "Thẩm định hồ sơ", "000.00.13.H27", "hoa.pt", 1, null, At(Local(2026, 2, 12, 14))));

        var timeliness = TimelinessRules.Judge(dossier, Local(2026, 2, 27, 9));

        timeliness.Status.ShouldBe(TimelinessStatus.Overdue);
        timeliness.ResponsibleStep.ShouldBe(2);
        timeliness.ResponsibleUnit.ShouldBe("000.00.13.H27");
        timeliness.Summary.ShouldBe(
            "Quá hạn: hạn giải quyết 17:00 Thứ Năm 26/02/2026 đã qua. Chậm tại bước 2 «Thẩm định hồ sơ» của đơn vị 000.00.13.H27 (người xử lý: hoa.pt).");
        timeliness.Steps.Select(s => s.Status).ShouldBe([TimelinessStatus.OnTime, TimelinessStatus.Overdue]);
    }

    [Fact]
    public void a_result_ready_before_the_due_date_is_on_time_and_names_nobody()
    {
        var d = Received(Local(2026, 3, 2, 9), workingDays: 2);
        d = d.Then(DossierDecisions.Assign(d, "Thẩm định", Desk, "hoa.pt", null, null, At(Local(2026, 3, 2, 10))));
        d = d.Then(DossierDecisions.Propose(d, DecisionOutcome.Approve, "Đủ điều kiện", At(Local(2026, 3, 3, 9))));
        d = d.Then(DossierDecisions.Decide(d, DecisionOutcome.Approve, "Đủ điều kiện theo Luật Hộ tịch", null, At(Local(2026, 3, 3, 10))));
        d = d.Then(DossierDecisions.MarkResultReady(d, null, At(Local(2026, 3, 4, 16))));

        var timeliness = TimelinessRules.Judge(d, Local(2026, 3, 20, 9));

        timeliness.Status.ShouldBe(TimelinessStatus.OnTime);
        timeliness.ResponsibleUnit.ShouldBeNull();
        d.HandlingUnit.ShouldBe(Desk);
    }
}
