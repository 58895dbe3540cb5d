using Npgsql;

namespace Onestop.EventStore.Projections;

/// <summary>A read model updated in the append's own transaction: it is never behind its stream.</summary>
public interface IInlineProjection
{
    /// <summary>The stream types whose appends this projection sees.</summary>
    IReadOnlySet<string> StreamTypes { get; }

    Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);
}
