using Dapper;
using Npgsql;
using Onestop.Catalogue.Domain.Calendar;
using Onestop.EventStore;
using Onestop.EventStore.Projections;

namespace Onestop.Catalogue.Features.Calendar;

/// <summary>Keeps catalogue_calendar_days in step with the year streams, in the append's transaction.</summary>
internal sealed class CalendarProjection : IInlineProjection
{
    public IReadOnlySet<string> StreamTypes { get; } = new HashSet<string> { CalendarStreams.Type };

    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var db = transaction.Connection!;
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case CalendarYearInitialised i:
                    await db.ExecuteAsync("insert into catalogue_calendar_years (year) values (@Year)", i, transaction);
                    foreach (var day in i.Days)
                    {
                        await SaveDay(db, transaction, i.Year, day);
                    }

                    break;
                case DayOffDeclared d:
                    await SaveDay(db, transaction, d.Year, new CalendarDay(d.Date, d.Kind, d.Name, d.LegalReason));
                    break;
                case MakeUpWorkingDayDeclared m:
                    await SaveDay(db, transaction, m.Year, new CalendarDay(m.Date, CalendarDayKind.MakeUpWorkingDay, m.Name, m.LegalReason));
                    break;
                case CalendarDeclarationWithdrawn w:
                    await db.ExecuteAsync("delete from catalogue_calendar_days where date = @Date", new { w.Date }, transaction);
                    await Touch(db, transaction, w.Year);
                    break;
            }
        }
    }

    private static async Task SaveDay(NpgsqlConnection db, NpgsqlTransaction tx, int year, CalendarDay day)
    {
        await db.ExecuteAsync(
            """
            insert into catalogue_calendar_days (date, year, kind, name, legal_reason) values (@Date, @year, @kind, @Name, @LegalReason)
            on conflict (date) do update set kind = excluded.kind, name = excluded.name, legal_reason = excluded.legal_reason
            """,
            new { day.Date, year, kind = day.Kind.ToString(), day.Name, day.LegalReason }, tx);
        await Touch(db, tx, year);
    }

    private static Task Touch(NpgsqlConnection db, NpgsqlTransaction tx, int year) =>
        db.ExecuteAsync("update catalogue_calendar_years set updated_at = now(), revision = revision + 1 where year = @year", new { year }, tx);
}
