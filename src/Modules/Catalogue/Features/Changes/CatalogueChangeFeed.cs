using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Onestop.Errors;
using Onestop.EventStore;

namespace Onestop.Catalogue.Features.Changes;

/// <summary>A committed change of the catalogue and the cursor to resume after it.</summary>
public sealed record CatalogueChange(GlobalCheckpoint Cursor, string StreamId, long Version, object Event, DateTimeOffset CommittedAt);

/// <summary>
/// The catalogue's changes in commit order, from the <c>catalogue_changes</c> feed the inline projection writes
/// (Sql/0004_changes.sql). Reads are gap-free like the global log: a change whose transaction commits late is read
/// after the cursor, never skipped. Watching follows the live commits through <see cref="EventNotifier"/>.
/// </summary>
public sealed class CatalogueChangeFeed(NpgsqlDataSource dataSource, EventTypeRegistry types, EventNotifier notifier)
{
    /// <summary>How often a watcher reads again when no commit woke it (a transaction outside the event store may hold the horizon back).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static GlobalCheckpoint ParseCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return GlobalCheckpoint.Start;
        }

        try
        {
            return GlobalCheckpoint.Parse(cursor);
        }
        catch (FormatException)
        {
            throw AppException.Validation("cursor",
                "Con trỏ không hợp lệ: hãy dùng đúng giá trị cursor của thay đổi đã nhận, hoặc để trống để đọc từ đầu.", "invalid_cursor");
        }
    }

    /// <summary>Up to <paramref name="maxCount"/> changes committed after <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<CatalogueChange>> ReadAsync(GlobalCheckpoint after, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select c.tx_id, c.position, c.stream_id, c.version, e.type, e.data::text, e.recorded_at
              from catalogue_changes c
              join es_events e on e.stream_id = c.stream_id and e.version = c.version
             where (c.tx_id, c.position) > ($1, $2) and c.tx_id < pg_snapshot_xmin(pg_current_snapshot())
             order by c.tx_id, c.position
             limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Position, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = maxCount, NpgsqlDbType = NpgsqlDbType.Integer });
        var changes = new List<CatalogueChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var cursor = new GlobalCheckpoint(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
            var data = types.Deserialize(reader.GetString(4), reader.GetString(5));
            changes.Add(new CatalogueChange(cursor, reader.GetString(2), reader.GetInt64(3), data, reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return changes;
    }

    /// <summary>Every change after <paramref name="after"/>, then the live ones, until cancelled.</summary>
    public async IAsyncEnumerable<CatalogueChange> WatchAsync(GlobalCheckpoint after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        notifier.StartListening();
        while (true)
        {
            var nextCommit = notifier.NextCommit;
            var batch = await ReadAsync(after, 500, cancellationToken);
            foreach (var change in batch)
            {
                yield return change;
                after = change.Cursor;
            }

            if (batch.Count == 0)
            {
                await nextCommit.WaitAsync(PollInterval, cancellationToken).ContinueWith(
                    _ => { }, cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }
}
