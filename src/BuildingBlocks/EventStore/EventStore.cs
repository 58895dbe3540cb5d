using Npgsql;
using Onestop.EventStore.Projections;

namespace Onestop.EventStore;

/// <summary>
/// The event store: append with an expected version, read a stream or the global log, rebuild state at a
/// version or an instant. One-shot calls run in their own transaction; a <see cref="EventStoreSession"/>
/// shares one transaction across several appends, inline projections and read-model writes.
/// </summary>
public sealed class EventStore(
    NpgsqlDataSource dataSource, EventTypeRegistry types, IEnumerable<IInlineProjection> inlineProjections, EventNotifier notifier)
{
    private readonly IInlineProjection[] inline = inlineProjections.ToArray();

    public NpgsqlDataSource DataSource => dataSource;

    public EventTypeRegistry Types => types;

    internal EventNotifier Notifier => notifier;

    internal IReadOnlyList<IInlineProjection> InlineProjectionsFor(string streamType) =>
        inline.Length == 0 ? [] : inline.Where(p => p.StreamTypes.Contains(streamType)).ToArray();

    /// <summary>A unit of work: one connection and, once begun, one transaction.</summary>
    public EventStoreSession OpenSession() => new(this);

    /// <summary>Appends events to one stream in a transaction of its own.</summary>
    public async Task<AppendResult> AppendAsync(
        string streamId, string streamType, ExpectedVersion expected, IReadOnlyList<object> events,
        EventMetadata? metadata = null, CancellationToken cancellationToken = default)
    {
        var toAppend = events.Select(e => e as EventToAppend ?? new EventToAppend(e)).ToArray();
        if (InlineProjectionsFor(streamType).Count > 0)
        {
            await using var session = OpenSession();
            var result = await session.AppendAsync(streamId, streamType, expected, toAppend, metadata, cancellationToken);
            await session.CommitAsync(cancellationToken);
            return result;
        }

        // No inline projection: the append is a single statement, so autocommit gives one round trip.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var appended = await EventAppender.AppendAsync(dataSource, connection, null, types, streamId, streamType, expected, toAppend,
            metadata ?? EventMetadata.Empty, recorded: null, cancellationToken);
        notifier.Committed();
        return appended;
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(
        string streamId, StreamReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await EventStoreSql.ReadStreamAsync(connection, null, types, streamId, options ?? StreamReadOptions.All, cancellationToken);
    }

    /// <summary>Folds a stream (or its prefix, per <paramref name="options"/>) into state; null state when the stream is empty.</summary>
    public async Task<(TState? State, long Version)> AggregateStreamAsync<TState>(
        string streamId, Func<TState?, object, TState> apply, StreamReadOptions? options = null, CancellationToken cancellationToken = default)
        where TState : class
    {
        var events = await ReadStreamAsync(streamId, options, cancellationToken);
        return Fold(events, apply);
    }

    internal static (TState? State, long Version) Fold<TState>(IReadOnlyList<RecordedEvent> events, Func<TState?, object, TState> apply)
        where TState : class
    {
        TState? state = null;
        foreach (var e in events)
        {
            state = apply(state, e.Data);
        }

        return (state, events.Count == 0 ? 0 : events[^1].Version);
    }

    public async Task<StreamHead?> GetStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await EventStoreSql.GetStreamAsync(connection, null, streamId, cancellationToken);
    }

    /// <summary>Reads the global log after <paramref name="after"/>, gap-free (see docs/event-store.md).</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(
        GlobalCheckpoint after, int maxCount = 1000, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await EventStoreSql.ReadAllAsync(connection, null, types, after, maxCount, cancellationToken);
    }

    /// <summary>Marks a stream archived: it stays readable and verifiable, and refuses appends.</summary>
    public async Task ArchiveStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("update es_streams set archived = true where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
