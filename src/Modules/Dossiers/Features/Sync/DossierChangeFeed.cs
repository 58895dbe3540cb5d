using Dapper;
using Npgsql;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Projections;
using Onestop.EventStore;
using Onestop.EventStore.Feeds;

namespace Onestop.Dossiers.Features.Sync;

/// <summary>A committed change of a dossier as the portals mirror it, with the status it led to, and the cursor to resume after it.</summary>
public sealed record DossierChange(
    GlobalCheckpoint Cursor, Guid DossierId, string Code, string? PortalReference, string ReceivingUnit, long Version, string Type,
    DossierStatus? Status, DateTimeOffset At, DateTimeOffset? DueAt, string? Unit, string Description, DateTimeOffset CommittedAt);

/// <summary>
/// The dossiers' changes in commit order, filtered by receiving unit: the feed table <c>dossiers_changes</c>
/// (Sql/0002_sync.sql) read gap-free by <see cref="EventFeed"/>, told with the history line the projection wrote
/// for the same event.
/// </summary>
public sealed class DossierChangeFeed(EventFeed feed, NpgsqlDataSource dataSource)
{
    public static readonly FeedTable Table = new("dossiers_changes", FilterColumn: "receiving_unit");

    /// <summary>A new lookup secret is the citizen's and the desk's business, not the portal's.</summary>
    internal static bool Mirrors(RecordedEvent e) => e.Data is not LookupSecretReissued;

    public async Task<IReadOnlyList<DossierChange>> ReadAsync(
        GlobalCheckpoint after, int maxCount, IReadOnlyCollection<string>? units, CancellationToken cancellationToken) =>
        await DescribeAsync(await feed.ReadAsync(Table, after, maxCount, Filter(units), cancellationToken), cancellationToken);

    /// <summary>Every change after <paramref name="after"/>, then the live ones, until cancelled.</summary>
    public async IAsyncEnumerable<DossierChange> WatchAsync(
        GlobalCheckpoint after, IReadOnlyCollection<string>? units,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in feed.WatchPagesAsync(Table, after, Filter(units), cancellationToken))
        {
            foreach (var change in await DescribeAsync(page, cancellationToken))
            {
                yield return change;
            }
        }
    }

    private static IReadOnlyCollection<string>? Filter(IReadOnlyCollection<string>? units) => units is { Count: > 0 } ? units : null;

    private async Task<IReadOnlyList<DossierChange>> DescribeAsync(IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }

        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await db.QueryAsync<Line>(new CommandDefinition(
                """
                select h.dossier_id as DossierId, h.version as Version, h.status as Status, h.at as At, h.due_at as DueAt, h.unit as Unit,
                       h.description as Description, d.code as Code, d.portal_reference as PortalReference, d.receiving_unit as ReceivingUnit
                  from unnest(@ids, @versions) as k(id, version)
                  join dossiers_history h on h.dossier_id = k.id and h.version = k.version
                  join dossiers d on d.id = k.id
                """,
                new { ids = events.Select(e => DossierStreams.IdOf(e.StreamId)).ToArray(), versions = events.Select(e => e.Version).ToArray() },
                cancellationToken: cancellationToken)))
            .ToDictionary(r => (r.DossierId, r.Version));
        return events.Select(e =>
        {
            var line = rows[(DossierStreams.IdOf(e.StreamId), e.Version)];
            return new DossierChange(e.Checkpoint, line.DossierId, line.Code, line.PortalReference, line.ReceivingUnit, e.Version, e.Type,
                Enum.TryParse<DossierStatus>(line.Status, out var status) ? status : null, Local(line.At), line.DueAt is { } due ? Local(due) : null,
                line.Unit, line.Description, e.RecordedAt);
        }).ToList();
    }

    private static DateTimeOffset Local(DateTime utc) => Queries.DossierRows.Local(utc);

    private sealed record Line(
        Guid DossierId, long Version, string? Status, DateTime At, DateTime? DueAt, string? Unit, string Description, string Code,
        string? PortalReference, string ReceivingUnit);
}
