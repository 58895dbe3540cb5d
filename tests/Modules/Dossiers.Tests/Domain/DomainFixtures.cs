using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Domain.Calendar;
using Onestop.Dossiers.Domain;

namespace Onestop.Dossiers.Tests.Domain;

/// <summary>Dossiers built from events with the default calendar, for decision tests without a database.</summary>
internal static class DomainFixtures
{
    public const string Desk = "000.00.12.H27";

    public static readonly ActedBy Officer = new("user:lan.nt", Desk);

    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    public static DecisionContext At(DateTimeOffset now, ActedBy? by = null) => new(now, by ?? Officer, WorkingCalendar.Defaults, new OfficeHours());

    public static ProcedureRef Procedure(int workingDays = 5) => new("1.000893", 1, "Cấp Giấy xác nhận tình trạng hôn nhân",
        new ProcessingTime(workingDays), ReceivableAnywhere: true,
        [new ComponentSpec("TK", "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", 1, 0, Required: true)]);

    public static Applicant Applicant() => new("Nguyễn Thị Lan", "001190012345", "0912345678");

    public static Dossier Received(DateTimeOffset at, int workingDays = 5) =>
        Dossier.Apply(null, DossierDecisions.Receive(Guid.NewGuid(), $"{Desk}-260212-0001", Desk, IntakeChannel.Direct, Procedure(workingDays), Applicant(),
            [new ReceivedComponent("TK", "Tờ khai", 1, 0)], "hash", At(at)));

    public static Dossier SubmittedOnline(DateTimeOffset at) =>
        Dossier.Apply(null, new DossierSubmittedOnline(Guid.NewGuid(), $"{Desk}-260212-0002", Desk, "DVC-1", Procedure(), Applicant(),
            [new ReceivedComponent("TK", "Tờ khai", 1, 0)], "hash", at, new ActedBy("system:portal", null)));

    public static Dossier Then(this Dossier dossier, params IEnumerable<object> events) => events.Aggregate(dossier, Dossier.Apply);
}
