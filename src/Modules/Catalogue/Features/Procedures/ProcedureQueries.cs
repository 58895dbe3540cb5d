using MediatR;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Projections;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Messaging;

namespace Onestop.Catalogue.Features.Procedures;

/// <summary>A procedure as in force on a date: the version, its decision and the status then.</summary>
public sealed record ProcedureView(
    string Code, int Version, ProcedureStatus Status, ProcedureContent Content, AnnouncingDecision Decision,
    DateOnly AsOf, string? ReplacementCode, IReadOnlyList<VersionSummary> Versions);

public sealed record VersionSummary(int Version, AnnouncingDecision Decision);

public sealed record ProcedureVersionDiff(string Code, int From, int To, IReadOnlyList<FieldChange> Changes);

/// <summary>The version in force on <paramref name="AsOf"/> (today when null); older versions stay readable by number.</summary>
public sealed record GetProcedure(string Code, DateOnly? AsOf = null, int? Version = null) : IQuery<ProcedureView>;

public sealed record DiffProcedureVersions(string Code, int From, int To) : IQuery<ProcedureVersionDiff>;

/// <summary>
/// Procedures as last folded, per stream, with the version they were folded at. Every intake asks for the procedure in
/// force: checking the stream's head (one indexed row) is cheaper than reading and deserializing its versions again.
/// </summary>
internal sealed class ProcedureCache
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Version, Procedure Procedure)> folded = new();

    public async Task<Procedure?> LoadAsync(EventStore.EventStore store, string streamId, CancellationToken cancellationToken)
    {
        var head = await store.GetStreamAsync(streamId, cancellationToken);
        if (head is null)
        {
            return null;
        }

        if (folded.TryGetValue(streamId, out var entry) && entry.Version == head.Version)
        {
            return entry.Procedure;
        }

        var (procedure, version) = await store.AggregateStreamAsync<Procedure>(streamId, Procedure.Apply, cancellationToken: cancellationToken);
        if (procedure is not null)
        {
            folded[streamId] = (version, procedure);
        }

        return procedure;
    }
}

internal sealed class ProcedureQueryHandler(EventStore.EventStore store, TimeProvider clock, ProcedureCache cache) :
    IRequestHandler<GetProcedure, ProcedureView>,
    IRequestHandler<DiffProcedureVersions, ProcedureVersionDiff>
{
    public async Task<ProcedureView> Handle(GetProcedure query, CancellationToken cancellationToken)
    {
        var procedure = await LoadAsync(query.Code, cancellationToken);
        var asOf = query.AsOf ?? VietnamTime.Today(clock);
        var version = query.Version is { } number
            ? procedure.Versions.FirstOrDefault(v => v.Number == number)
                ?? throw AppException.NotFound("catalogue.version_not_found", $"Thủ tục {query.Code} không có phiên bản {number}.")
            : procedure.VersionOn(asOf)
                ?? throw AppException.NotFound("catalogue.not_in_force_yet",
                    $"Thủ tục {query.Code} chưa có hiệu lực vào ngày {asOf:dd/MM/yyyy} (có hiệu lực từ {procedure.Versions[0].Decision.EffectiveFrom:dd/MM/yyyy}).");
        var status = procedure.StatusOn(asOf);
        var replacement = status == ProcedureStatus.Replaced ? procedure.StatusChanges.Last(c => c.Status == ProcedureStatus.Replaced).ReplacementCode : null;
        return new ProcedureView(procedure.Code, version.Number, status, version.Content, version.Decision, asOf, replacement,
            procedure.Versions.Select(v => new VersionSummary(v.Number, v.Decision)).ToList());
    }

    public async Task<ProcedureVersionDiff> Handle(DiffProcedureVersions query, CancellationToken cancellationToken)
    {
        var procedure = await LoadAsync(query.Code, cancellationToken);
        ProcedureVersion Find(int number) => procedure.Versions.FirstOrDefault(v => v.Number == number)
            ?? throw AppException.NotFound("catalogue.version_not_found", $"Thủ tục {query.Code} không có phiên bản {number}.");
        return new ProcedureVersionDiff(query.Code, query.From, query.To, ProcedureDiff.Compare(Find(query.From).Content, Find(query.To).Content));
    }

    private async Task<Procedure> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var procedure = await cache.LoadAsync(store, CatalogueStreams.ProcedureId(code), cancellationToken);
        return procedure ?? throw AppException.NotFound("catalogue.procedure_not_found", $"Không có thủ tục mã {code} trong danh mục.");
    }
}
