using Onestop.Catalogue.Domain;
using Onestop.Dossiers.Domain;
using Onestop.EventStore;

namespace Onestop.Statistics.Benchmarks;

/// <summary>
/// Dossiers' event streams written straight to the event store (no REST, no inline projections): a year of intake
/// over 200 communes and 40 procedures, each dossier received (a third online), processed, decided, ready and
/// returned — eight or nine events — with a seeded random choosing channel, dates, lateness and rating.
/// </summary>
internal static class Generator
{
    public const int Units = 200;
    private const int Procedures = 40;
    private static readonly DateTimeOffset YearStart = new(2026, 1, 5, 8, 0, 0, TimeSpan.FromHours(7));

    public static string Unit(int i) => $"H51.{i:000}";

    public static async Task<long> WriteAsync(EventStore.EventStore store, int dossiers, int writers)
    {
        long events = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, dossiers), new ParallelOptions { MaxDegreeOfParallelism = writers }, async (i, ct) =>
        {
            var stream = Dossier(i);
            await store.AppendAsync($"dossier-{stream.Id}", "dossier", ExpectedVersion.NoStream, stream.Events, cancellationToken: ct);
            Interlocked.Add(ref events, stream.Events.Count);
        });
        return events;
    }

    private static (Guid Id, IReadOnlyList<object> Events) Dossier(int i)
    {
        var random = new Random(i);
        var id = Guid.CreateVersion7();
        var unit = Unit(random.Next(Units));
        var procedure = new ProcedureRef($"1.00{random.Next(Procedures):0000}", 1, $"Thủ tục số {i % Procedures}", new ProcessingTime(5), true,
            [new ComponentSpec("TK", "Tờ khai", 1, 0, Required: true)]);
        var at = YearStart.AddDays(random.Next(0, 51) * 7 + random.Next(0, 5)).AddMinutes(random.Next(0, 480));
        var by = new ActedBy("user:bench", unit);
        var due = at.AddDays(7);
        var applicant = new Applicant("Nguyễn Văn A", "001190000000", "0912345678");
        var components = new[] { new ReceivedComponent("TK", "Tờ khai", 1, 0) };
        var online = random.Next(3) == 0;
        var events = new List<object>();
        if (online)
        {
            events.Add(new DossierSubmittedOnline(id, $"{unit}-{i}", unit, $"REF-{i}", procedure, applicant, components, "hash", at, by));
            events.Add(new OnlineDossierAccepted(at.AddHours(1), by, due, ["Hạn giải quyết 5 ngày làm việc"], at.AddHours(8)));
        }
        else
        {
            events.Add(new DossierReceived(id, $"{unit}-{i}", unit, IntakeChannel.Direct, procedure, applicant, components, "hash", at, by, due,
                ["Hạn giải quyết 5 ngày làm việc"], at.AddHours(8)));
        }

        var done = at.AddDays(random.Next(10) == 0 ? 9 : 3);
        events.Add(new DossierAssigned(2, "Thẩm định hồ sơ", unit, "user:cv", false, due, null, at.AddHours(2), by));
        events.Add(new DossierProposed(DecisionOutcome.Approve, "Đủ điều kiện", due, done.AddHours(-3), by));
        events.Add(new DossierDecided(DecisionOutcome.Approve, "Đủ điều kiện", "15/GXN", done.AddHours(-2), by));
        events.Add(new ResultReady(null, done, by));
        events.Add(new ResultReturned(random.Next(2) == 0 ? ReturnMethod.Desk : ReturnMethod.Electronic, "Nguyễn Văn A", null, done.AddDays(1), by));
        events.Add(new DossierRated(1 + random.Next(3), null, done.AddDays(1), by));
        return (id, events);
    }
}
