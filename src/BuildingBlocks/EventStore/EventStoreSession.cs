using System.Data;
using Npgsql;

namespace Onestop.EventStore;

/// <summary>
/// One unit of work: appends to any number of streams, inline projections and read-model writes commit
/// together or not at all. Disposing without <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public sealed class EventStoreSession : IAsyncDisposable
{
    private readonly EventStore store;
    private NpgsqlConnection? connection;
    private NpgsqlTransaction? transaction;

    internal EventStoreSession(EventStore store) => this.store = store;

    public bool InTransaction => transaction is not null;

    /// <summary>The session's connection, opened on first use.</summary>
    public async Task<NpgsqlConnection> GetConnectionAsync(CancellationToken cancellationToken = default) =>
        connection ??= await store.DataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>The session's transaction, begun on first use; read models written through it commit with the events.</summary>
    public async Task<NpgsqlTransaction> GetTransactionAsync(CancellationToken cancellationToken = default)
    {
        if (transaction is null)
        {
            var open = await GetConnectionAsync(cancellationToken);
            transaction = await open.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        }

        return transaction;
    }

    public async Task<AppendResult> AppendAsync(
        string streamId, string streamType, ExpectedVersion expected, IReadOnlyList<object> events,
        EventMetadata? metadata = null, CancellationToken cancellationToken = default)
    {
        var tx = await GetTransactionAsync(cancellationToken);
        var toAppend = events.Select(e => e as EventToAppend ?? new EventToAppend(e)).ToArray();
        var projections = store.InlineProjectionsFor(streamType);
        var recorded = projections.Count > 0 ? new List<RecordedEvent>(toAppend.Length) : null;
        var result = await EventAppender.AppendAsync(store.DataSource, tx.Connection!, tx, store.Types, streamId, streamType, expected, toAppend,
            metadata ?? EventMetadata.Empty, recorded, cancellationToken);
        foreach (var projection in projections)
        {
            await projection.ApplyAsync(tx, recorded!, cancellationToken);
        }

        return result;
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(
        string streamId, StreamReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var open = await GetConnectionAsync(cancellationToken);
        return await EventStoreSql.ReadStreamAsync(open, transaction, store.Types, streamId, options ?? StreamReadOptions.All, cancellationToken);
    }

    public async Task<(TState? State, long Version)> AggregateStreamAsync<TState>(
        string streamId, Func<TState?, object, TState> apply, StreamReadOptions? options = null, CancellationToken cancellationToken = default)
        where TState : class =>
        EventStore.Fold(await ReadStreamAsync(streamId, options, cancellationToken), apply);

    public async Task<StreamHead?> GetStreamAsync(string streamId, CancellationToken cancellationToken = default) =>
        await EventStoreSql.GetStreamAsync(await GetConnectionAsync(cancellationToken), transaction, streamId, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (transaction is null)
        {
            return;
        }

        await transaction.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        transaction = null;
        store.Notifier.Committed();
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (transaction is null)
        {
            return;
        }

        await transaction.RollbackAsync(cancellationToken);
        await transaction.DisposeAsync();
        transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
            transaction = null;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }
}
