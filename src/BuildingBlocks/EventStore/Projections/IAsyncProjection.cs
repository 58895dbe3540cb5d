using Npgsql;

namespace Onestop.EventStore.Projections;

/// <summary>
/// A read model built from the global log after the fact. Each batch is applied in one transaction that also
/// moves the projection's checkpoint, so a crash neither loses nor repeats an effect.
/// </summary>
public interface IAsyncProjection
{
    /// <summary>Stable name: keys the checkpoint and the advisory lock that elects one runner.</summary>
    string Name { get; }

    Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// The most events one batch should read, when the projection knows better than the runner's options: one whose
    /// batch costs a fixed number of set-based statements gains from large ones.
    /// </summary>
    int? BatchSize => null;

    /// <summary>Empties the read model before a rebuild from the start of the log.</summary>
    Task ResetAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Called in a batch's transaction when the runner has read to the end of the log (the batch was shorter than
    /// asked for, or nothing was left): a projection that defers set-based work while it catches up finishes it here,
    /// so that it is done before the checkpoint is seen to have caught up.
    /// </summary>
    Task CaughtUpAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;
}
