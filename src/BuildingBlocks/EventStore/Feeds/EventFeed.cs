using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Onestop.EventStore.Feeds;

/// <summary>
/// A module's change feed: a table naming some of the log's events, which an inline projection fills in the
/// append's transaction, so that a consumer (a portal watching over gRPC) can follow those events alone from a
/// resumable cursor without scanning the whole log. The table has at least
/// <c>tx_id xid8 not null default pg_current_xact_id(), position bigint, stream_id text, version bigint,
/// primary key (tx_id, position)</c>, and optionally one text column to filter on (e.g. a unit), indexed with
/// <c>(column, tx_id, position)</c>. It is read like the global log (docs/event-store.md): in (tx_id, position)
/// order and only below the oldest running transaction, so an event whose transaction commits late is read after
/// the cursor, never skipped. Cursors are <see cref="GlobalCheckpoint"/>s.
/// </summary>
public sealed record FeedTable(string Name, string? FilterColumn = null)
{
    private static readonly Regex Identifier = new("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant);

    public string Name { get; } = Identifier.IsMatch(Name) ? Name : throw new ArgumentException($"'{Name}' is not a plain table name.", nameof(Name));

    public string? FilterColumn { get; } = FilterColumn is null || Identifier.IsMatch(FilterColumn)
        ? FilterColumn
        : throw new ArgumentException($"'{FilterColumn}' is not a plain column name.", nameof(FilterColumn));
}

/// <summary>Writes and reads <see cref="FeedTable"/>s.</summary>
public sealed class EventFeed(NpgsqlDataSource dataSource, EventTypeRegistry types, EventNotifier notifier)
{
    /// <summary>How often a watcher reads again when no commit woke it: a transaction outside the event store may hold the horizon back.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private const int WatchBatch = 500;

    /// <summary>Adds events to a feed in the caller's transaction (call it from an inline projection).</summary>
    public static async Task RecordAsync(
        NpgsqlTransaction transaction, FeedTable feed, IReadOnlyList<RecordedEvent> events,
        Func<RecordedEvent, string?>? filterValue = null, CancellationToken cancellationToken = default)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction) { BatchCommands = { RecordCommand(feed, events, filterValue) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The insert of <see cref="RecordAsync"/>, for a projection that sends it in one batch with its own statements.</summary>
    public static NpgsqlBatchCommand RecordCommand(FeedTable feed, IReadOnlyList<RecordedEvent> events, Func<RecordedEvent, string?>? filterValue = null)
    {
        var filtered = feed.FilterColumn is not null;
        var command = new NpgsqlBatchCommand(
            filtered
                ? $"insert into {feed.Name} (position, stream_id, version, {feed.FilterColumn}) select * from unnest($1, $2, $3, $4)"
                : $"insert into {feed.Name} (position, stream_id, version) select * from unnest($1, $2, $3)")
        {
            Parameters =
            {
                new() { Value = events.Select(e => e.Position).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = events.Select(e => e.StreamId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = events.Select(e => e.Version).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
            },
        };
        if (filtered)
        {
            command.Parameters.Add(new NpgsqlParameter
            {
                Value = events.Select(e => filterValue?.Invoke(e)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            });
        }

        return command;
    }

    /// <summary>
    /// Up to <paramref name="maxCount"/> events of the feed after <paramref name="after"/>, oldest first; when
    /// <paramref name="filter"/> is given, only those whose filter column is one of its values.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAsync(
        FeedTable feed, GlobalCheckpoint after, int maxCount, IReadOnlyCollection<string>? filter = null, CancellationToken cancellationToken = default)
    {
        if (filter is not null && feed.FilterColumn is null)
        {
            throw new ArgumentException($"Feed {feed.Name} has no filter column.", nameof(filter));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            select {EventStoreSql.AliasedEventColumns}
              from {feed.Name} f
              join es_events e on e.stream_id = f.stream_id and e.version = f.version
             where (f.tx_id, f.position) > ($1, $2) and f.tx_id < pg_snapshot_xmin(pg_current_snapshot())
               {(filter is null ? "" : $"and f.{feed.FilterColumn} = any($4)")}
             order by f.tx_id, f.position
             limit $3
            """, connection)
        {
            Parameters =
            {
                new() { Value = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 },
                new() { Value = after.Position, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = maxCount, NpgsqlDbType = NpgsqlDbType.Integer },
            },
        };
        if (filter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = filter.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        }

        return await EventStoreSql.ReadEventsAsync(command, types, cancellationToken);
    }

    /// <summary>Every event of the feed after <paramref name="after"/>, then the live ones as they commit, until cancelled.</summary>
    public async IAsyncEnumerable<RecordedEvent> WatchAsync(
        FeedTable feed, GlobalCheckpoint after, IReadOnlyCollection<string>? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in WatchPagesAsync(feed, after, filter, cancellationToken))
        {
            foreach (var e in page)
            {
                yield return e;
            }
        }
    }

    /// <summary>As <see cref="WatchAsync"/>, a page at a time (at most 500 events), for consumers that look up something per page.</summary>
    public async IAsyncEnumerable<IReadOnlyList<RecordedEvent>> WatchPagesAsync(
        FeedTable feed, GlobalCheckpoint after, IReadOnlyCollection<string>? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        notifier.StartListening();
        while (true)
        {
            var nextCommit = notifier.NextCommit;
            var page = await ReadAsync(feed, after, WatchBatch, filter, cancellationToken);
            if (page.Count > 0)
            {
                yield return page;
                after = page[^1].Checkpoint;
            }

            if (page.Count < WatchBatch)
            {
                await nextCommit.WaitAsync(PollInterval, cancellationToken).ContinueWith(
                    _ => { }, cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }
}
