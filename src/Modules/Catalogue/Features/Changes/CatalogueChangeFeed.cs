using Onestop.EventStore;
using Onestop.EventStore.Feeds;

namespace Onestop.Catalogue.Features.Changes;

/// <summary>A committed change of the catalogue and the cursor to resume after it.</summary>
public sealed record CatalogueChange(GlobalCheckpoint Cursor, string StreamId, long Version, object Event, DateTimeOffset CommittedAt)
{
    public static CatalogueChange Of(RecordedEvent e) => new(e.Checkpoint, e.StreamId, e.Version, e.Data, e.RecordedAt);
}

/// <summary>
/// The catalogue's changes in commit order: the feed table <c>catalogue_changes</c> (Sql/0004_changes.sql) that the
/// inline projection fills, read gap-free by <see cref="EventFeed"/>.
/// </summary>
public sealed class CatalogueChangeFeed(EventFeed feed)
{
    public static readonly FeedTable Table = new("catalogue_changes");

    /// <summary>Up to <paramref name="maxCount"/> changes committed after <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<CatalogueChange>> ReadAsync(GlobalCheckpoint after, int maxCount, CancellationToken cancellationToken) =>
        (await feed.ReadAsync(Table, after, maxCount, cancellationToken: cancellationToken)).Select(CatalogueChange.Of).ToList();

    /// <summary>Every change after <paramref name="after"/>, then the live ones, until cancelled.</summary>
    public async IAsyncEnumerable<CatalogueChange> WatchAsync(
        GlobalCheckpoint after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in feed.WatchAsync(Table, after, cancellationToken: cancellationToken))
        {
            yield return CatalogueChange.Of(e);
        }
    }
}
