using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Domain.Calendar;

namespace Onestop.Catalogue.Features.Calendar;

/// <summary>
/// The working calendar for other modules (Dossiers, Statistics): loads the years a question touches from the read
/// model and answers with the pure functions of <see cref="Deadlines"/> and <see cref="WorkingCalendar"/>. Calendars
/// are kept per range of years and reused while the calendar's revision (one small query, so every host sees an
/// administrator's edit at once) is unchanged: every intake and transition asks, and edits are rare.
/// </summary>
public sealed class WorkingCalendarService(NpgsqlDataSource dataSource, IOptions<OfficeHours> officeHours)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int First, int Last), (long Revision, WorkingCalendar Calendar)> cached = new();

    /// <summary>
    /// Due instant of a processing time counted from a receipt (end of the last working day, Vietnam time), with
    /// the explanation a citizen and an officer read.
    /// </summary>
    public async Task<DueDate> AddWorkingDaysAsync(DateTimeOffset receivedAt, ProcessingTime time, CancellationToken cancellationToken = default)
    {
        var first = Deadlines.LocalDate(receivedAt).Year;
        // A year has about 245 working days; one spare year covers a receipt late in December.
        var calendar = await LoadAsync(first, first + 1 + (time.WorkingDays / 200), cancellationToken);
        return Deadlines.AddWorkingDays(calendar, receivedAt, time, officeHours.Value);
    }

    public async Task<bool> IsWorkingDayAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        (await LoadAsync(date.Year, date.Year, cancellationToken)).IsWorkingDay(date);

    /// <summary>Elapsed working days: those after the day of <paramref name="from"/> up to the day of <paramref name="to"/>.</summary>
    public async Task<int> WorkingDaysBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var (a, b) = (Deadlines.LocalDate(from).Year, Deadlines.LocalDate(to).Year);
        var calendar = await LoadAsync(Math.Min(a, b), Math.Max(a, b), cancellationToken);
        return Deadlines.WorkingDaysBetween(calendar, from, to);
    }

    /// <summary>The calendar with the recorded years in the range; any other year counts by its defaults.</summary>
    public async Task<WorkingCalendar> LoadAsync(int firstYear, int lastYear, CancellationToken cancellationToken = default)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        // Years are never deleted and each change adds one to a year's revision, so the sum grows with every change.
        var revision = await db.ExecuteScalarAsync<long>(new CommandDefinition(
            "select coalesce(sum(revision), 0) from catalogue_calendar_years", cancellationToken: cancellationToken));
        if (cached.TryGetValue((firstYear, lastYear), out var entry) && entry.Revision == revision)
        {
            return entry.Calendar;
        }

        var calendar = WorkingCalendar.Of(await LoadYearsAsync(firstYear, lastYear, cancellationToken));
        cached[(firstYear, lastYear)] = (revision, calendar);
        return calendar;
    }

    internal async Task<IReadOnlyList<CalendarYear>> LoadYearsAsync(int firstYear, int lastYear, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var range = new { firstYear, lastYear };
        var recorded = await db.QueryAsync<int>("select year from catalogue_calendar_years where year between @firstYear and @lastYear", range);
        var days = (await db.QueryAsync<(DateOnly Date, int Year, string Kind, string Name, string? LegalReason)>(
                "select date, year, kind, name, legal_reason from catalogue_calendar_days where year between @firstYear and @lastYear", range))
            .ToLookup(d => d.Year, d => new CalendarDay(d.Date, Enum.Parse<CalendarDayKind>(d.Kind), d.Name, d.LegalReason));
        return recorded.Select(year => CalendarYear.Of(year, days[year])).ToList();
    }
}
