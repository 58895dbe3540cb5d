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
    /// The most events one batch reads in a rebuild, when the projection knows better than the runner's options: one
    /// whose batch costs a fixed number of set-based statements replays faster in large ones. Live batches keep the
    /// options' size: a batch's writing transaction holds back every gap-free reader of the log until it commits.
    /// </summary>
    int? RebuildBatchSize => null;

    /// <summary>Empties the read model before a rebuild from the start of the log.</summary>
    Task ResetAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Called when the runner has read to the end of the log (the batch was shorter than asked for, or nothing was
    /// left), in a transaction of its own after the batch's commit: a projection that defers set-based work while it
    /// catches up does it here. The runner holds the projection's lock, so no batch runs meanwhile.
    /// </summary>
    Task CaughtUpAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;
}
