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

    /// <summary>Empties the read model before a rebuild from the start of the log.</summary>
    Task ResetAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
