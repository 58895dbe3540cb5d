using Onestop.Dossiers.Domain;
using Onestop.Errors;
using Shouldly;
using Xunit;
using static Onestop.Dossiers.Tests.Domain.DomainFixtures;

namespace Onestop.Dossiers.Tests.Domain;

/// <summary>Every action in every state: allowed ones decide, the others are refused as an illegal transition in Vietnamese.</summary>
public sealed class TransitionGuardTests
{
    private static readonly DateTimeOffset Start = Local(2026, 3, 2, 9);
    private static readonly DecisionContext Later = At(Local(2026, 3, 20, 9));

    private static readonly Dictionary<string, Func<Dossier, DecisionContext, object>> Actions = new()
    {
        ["accept"] = DossierDecisions.Accept,
        ["refuse"] = (d, c) => DossierDecisions.Refuse(d, "Hồ sơ không thuộc thẩm quyền", c),
        ["requestSupplement"] = (d, c) => DossierDecisions.RequestSupplement(d, ["Tờ khai"], null, c),
        ["receiveSupplement"] = (d, c) => DossierDecisions.ReceiveSupplement(d, [], null, c),
        ["assign"] = (d, c) => DossierDecisions.Assign(d, "Thẩm định", Desk, "hoa.pt", null, null, c),
        ["requestObligation"] = (d, c) => DossierDecisions.RequestFinancialObligation(d, "Lệ phí trước bạ", 500_000m, c),
        ["recordPayment"] = (d, c) => DossierDecisions.RecordPayment(d, "Lệ phí", 10_000m, "Tiền mặt", null, c),
        ["propose"] = (d, c) => DossierDecisions.Propose(d, DecisionOutcome.Approve, "Đủ điều kiện", c),
        ["decide"] = (d, c) => DossierDecisions.Decide(d, DecisionOutcome.Approve, "Đủ điều kiện", null, c),
        ["resultReady"] = (d, c) => DossierDecisions.MarkResultReady(d, null, c),
        ["return"] = (d, c) => DossierDecisions.ReturnResult(d, ReturnMethod.Desk, null, null, c),
        ["withdraw"] = (d, c) => DossierDecisions.Withdraw(d, "Người nộp đề nghị rút", c),
        ["stop"] = (d, c) => DossierDecisions.Stop(d, "Quá hạn bổ sung", c),
        ["apologise"] = (d, c) => DossierDecisions.Apologise(d, "Cần xác minh thêm", c.Now.AddDays(10), c),
        ["rate"] = (d, c) => DossierDecisions.Rate(d, 3, null, c),
    };

    private static readonly Dictionary<DossierStatus, string[]> Allowed = new()
    {
        [DossierStatus.SubmittedOnline] = ["accept", "refuse", "requestSupplement", "recordPayment", "withdraw"],
        [DossierStatus.Received] = ["requestSupplement", "assign", "requestObligation", "recordPayment", "withdraw", "stop", "apologise"],
        [DossierStatus.InProcessing] = ["requestSupplement", "assign", "requestObligation", "recordPayment", "propose", "withdraw", "stop", "apologise"],
        [DossierStatus.AwaitingSupplement] = ["receiveSupplement", "withdraw", "stop"],
        [DossierStatus.AwaitingPayment] = ["recordPayment", "withdraw", "stop", "apologise"],
        [DossierStatus.AwaitingApproval] = ["assign", "recordPayment", "decide", "withdraw", "stop", "apologise"],
        [DossierStatus.Decided] = ["recordPayment", "resultReady", "apologise"],
        [DossierStatus.ResultReady] = ["recordPayment", "return"],
        [DossierStatus.Returned] = ["rate"],
        [DossierStatus.Refused] = [],
        [DossierStatus.Withdrawn] = [],
        [DossierStatus.Stopped] = [],
    };

    public static TheoryData<DossierStatus, string> Cases()
    {
        var data = new TheoryData<DossierStatus, string>();
        foreach (var status in Enum.GetValues<DossierStatus>())
        {
            foreach (var action in Actions.Keys)
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void each_action_is_decided_only_in_the_states_that_allow_it(DossierStatus status, string action)
    {
        var dossier = InState(status);
        dossier.Status.ShouldBe(status);

        var decide = () => Actions[action](dossier, Later);

        if (Allowed[status].Contains(action))
        {
            decide.ShouldNotThrow();
        }
        else
        {
            var refused = decide.ShouldThrow<AppException>();
            refused.Kind.ShouldBe(ErrorKind.Conflict);
            refused.Code.ShouldBe(DossierDecisions.IllegalTransition);
            refused.Message.ShouldContain($"đang ở trạng thái «{DossierTexts.Status(status)}»");
        }
    }

    [Fact]
    public void a_result_is_not_returned_while_a_financial_obligation_is_unpaid()
    {
        var d = InState(DossierStatus.InProcessing);
        d = d.Then(DossierDecisions.RequestFinancialObligation(d, "Lệ phí trước bạ", 500_000m, At(Start.AddHours(2))));
        d = d.Then(DossierDecisions.RecordPayment(d, "Lệ phí trước bạ (một phần)", 200_000m, "Tiền mặt", "BL-01", At(Start.AddHours(3))));
        d.Status.ShouldBe(DossierStatus.AwaitingPayment);
        d = d with { Status = DossierStatus.ResultReady };

        var refused = Should.Throw<AppException>(() => DossierDecisions.ReturnResult(d, ReturnMethod.Desk, null, null, Later));

        refused.Code.ShouldBe("dossier.unpaid");
        refused.Message.ShouldContain("còn thiếu 300,000 đồng");
    }

    [Fact]
    public void an_apology_is_refused_while_the_dossier_is_well_within_its_time()
    {
        var d = Received(Local(2026, 3, 2, 9), workingDays: 10);

        var refused = Should.Throw<AppException>(() => DossierDecisions.Apologise(d, "Chậm", Local(2026, 3, 30, 17), At(Local(2026, 3, 3, 9))));

        refused.Code.ShouldBe("dossier.not_late");
        refused.Message.ShouldContain("phiếu được lập từ Thứ Sáu 13/03/2026");
    }

    private static Dossier InState(DossierStatus status)
    {
        var c = At(Start);
        var received = Received(Start);
        var processing = received.Then(DossierDecisions.Assign(received, "Thẩm định", Desk, "hoa.pt", null, null, c));
        var proposed = processing.Then(DossierDecisions.Propose(processing, DecisionOutcome.Approve, "Đủ điều kiện", c));
        var decided = proposed.Then(DossierDecisions.Decide(proposed, DecisionOutcome.Approve, "Đủ điều kiện", null, c));
        var ready = decided.Then(DossierDecisions.MarkResultReady(decided, null, c));
        return status switch
        {
            DossierStatus.SubmittedOnline => SubmittedOnline(Start),
            DossierStatus.Received => received,
            DossierStatus.InProcessing => processing,
            DossierStatus.AwaitingSupplement => processing.Then(DossierDecisions.RequestSupplement(processing, ["Tờ khai"], null, c)),
            DossierStatus.AwaitingPayment => processing.Then(DossierDecisions.RequestFinancialObligation(processing, "Lệ phí", 10_000m, c)),
            DossierStatus.AwaitingApproval => proposed,
            DossierStatus.Decided => decided,
            DossierStatus.ResultReady => ready,
            DossierStatus.Returned => ready.Then(DossierDecisions.ReturnResult(ready, ReturnMethod.Desk, null, null, c)),
            DossierStatus.Refused => SubmittedOnline(Start) is var online ? online.Then(DossierDecisions.Refuse(online, "Sai thẩm quyền", c)) : null!,
            DossierStatus.Withdrawn => received.Then(DossierDecisions.Withdraw(received, "Rút", c)),
            _ => received.Then(DossierDecisions.Stop(received, "Dừng", c)),
        };
    }
}
