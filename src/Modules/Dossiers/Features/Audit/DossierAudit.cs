using System.Text.Json;
using Dapper;
using MediatR;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Projections;
using Onestop.EventStore;
using Onestop.EventStore.Audit;
using Onestop.EventStore.Hashing;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Dossiers.Features.Audit;

/// <summary>One event of a dossier's stream as an auditor reads it, with the plain-Vietnamese description the detail view shows.</summary>
public sealed record DossierHistoryEvent(
    long Version, long Position, string Type, DateTimeOffset RecordedAt, string? Actor, string? Unit, string? CorrelationId,
    string? Description, JsonElement Data, string Hash);

public sealed record DossierHistoryView(
    Guid DossierId, string Code, string StreamId, string GenesisHash, long HeadVersion, string HeadHash, IReadOnlyList<DossierHistoryEvent> Events);

/// <summary>The chain's verdict: <c>Message</c> is for the auditor, <c>Detail</c> the verifier's technical reason.</summary>
public sealed record DossierVerificationView(
    Guid DossierId, string Code, string StreamId, bool Valid, long EventsChecked, long HeadVersion, string HeadHash,
    long? BrokenVersion, long? BrokenPosition, string Message, string? Detail, bool KeptHeadMissing);

/// <summary>The dossier as it was at <c>At</c>: the state after version <c>Version</c> (0 and no state if it did not exist yet).</summary>
public sealed record DossierStateView(
    Guid DossierId, string Code, DateTimeOffset At, long Version, DateTimeOffset? RecordedAt, string? Hash,
    DossierStatus? Status, string StatusText, Dossier? Dossier);

/// <summary>Every event of the dossier's stream with actor, unit, time and hash.</summary>
[AllowedRoles(Roles.Auditor)]
public sealed record GetDossierHistory(string Code) : IQuery<DossierHistoryView>;

/// <summary>
/// Recomputes the dossier's hash chain in the database and names the first version that does not match; with a head
/// kept from an earlier export or verification, also checks that the chain still holds it.
/// </summary>
[AllowedRoles(Roles.Auditor)]
public sealed record VerifyDossierHistory(string Code, ExportHead? KeptHead = null) : IQuery<DossierVerificationView>;

/// <summary>The history export an auditor verifies offline (docs/audit.md).</summary>
[AllowedRoles(Roles.Auditor)]
public sealed record ExportDossierHistory(string Code) : IQuery<HistoryExport>;

/// <summary>The dossier's state at a past instant.</summary>
[AllowedRoles(Roles.Auditor)]
public sealed record GetDossierStateAt(string Code, DateTimeOffset At) : IQuery<DossierStateView>;

/// <summary>Audit reads over any dossier, whatever its unit; they never write (auditors are read-only).</summary>
internal sealed class DossierAuditHandler(
    NpgsqlDataSource dataSource, EventStore.EventStore store, HashChainVerifier verifier, TimeProvider clock, PersonalDataAccess privacy) :
    IRequestHandler<GetDossierHistory, DossierHistoryView>,
    IRequestHandler<VerifyDossierHistory, DossierVerificationView>,
    IRequestHandler<ExportDossierHistory, HistoryExport>,
    IRequestHandler<GetDossierStateAt, DossierStateView>
{
    private readonly StreamAuditor auditor = new(store, verifier);

    public async Task<DossierHistoryView> Handle(GetDossierHistory query, CancellationToken cancellationToken)
    {
        var id = await ResolveAsync(query.Code, cancellationToken);
        var history = await auditor.ReadHistoryAsync(DossierStreams.Id(id), cancellationToken) ?? throw DossierWorkflow.NotFound(query.Code);
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var descriptions = (await db.QueryAsync<(long Version, string Description)>(
            "select version, description from dossiers_history where dossier_id = @id", new { id })).ToDictionary(r => r.Version, r => r.Description);
        // The hashes cover the data as stored; a masked copy still shows which event is which and what it changed.
        var inFull = privacy.InFull;
        if (inFull)
        {
            await privacy.RecordAsync(query.Code, "dossier.history", cancellationToken);
        }

        var events = history.Events.Select(e => new DossierHistoryEvent(e.Version, e.Position, e.Type, Local(e.RecordedAt), e.Actor, e.Unit,
            e.CorrelationId, descriptions.GetValueOrDefault(e.Version), inFull ? e.Data : PersonalDataAccess.Masked(e.Data), e.Hash)).ToArray();
        return new DossierHistoryView(id, query.Code, history.StreamId, history.GenesisHash, history.HeadVersion, history.HeadHash, events);
    }

    public async Task<DossierVerificationView> Handle(VerifyDossierHistory query, CancellationToken cancellationToken)
    {
        var id = await ResolveAsync(query.Code, cancellationToken);
        var result = await auditor.VerifyAsync(DossierStreams.Id(id), query.KeptHead, cancellationToken) ?? throw DossierWorkflow.NotFound(query.Code);
        var message = result switch
        {
            { IsValid: true } =>
                $"Chuỗi băm của hồ sơ {query.Code} toàn vẹn: {result.EventsChecked} sự kiện đã được kiểm tra, phiên bản cuối {result.HeadVersion}.",
            { KeptHeadMissing: true } =>
                $"Chuỗi băm của hồ sơ {query.Code} không còn chứa phiên bản {query.KeptHead!.Version} đã lưu giữ trước đây: "
                + "các sự kiện cuối đã bị xóa hoặc cả chuỗi đã bị viết lại.",
            _ => $"Chuỗi băm của hồ sơ {query.Code} bị phá vỡ tại phiên bản {result.BrokenVersion} (vị trí {result.BrokenPosition} trong nhật ký chung): "
                 + "nội dung, thời điểm ghi của sự kiện này hoặc sự kiện liền trước đã bị thay đổi hoặc xóa sau khi ghi.",
        };
        return new DossierVerificationView(id, query.Code, result.StreamId, result.IsValid, result.EventsChecked, result.HeadVersion, result.HeadHash,
            result.BrokenVersion, result.BrokenPosition, message, result.Reason, result.KeptHeadMissing);
    }

    public async Task<HistoryExport> Handle(ExportDossierHistory query, CancellationToken cancellationToken)
    {
        var id = await ResolveAsync(query.Code, cancellationToken);
        var export = await auditor.ExportAsync(DossierStreams.Id(id), clock, cancellationToken) ?? throw DossierWorkflow.NotFound(query.Code);
        // The offline verifier recomputes the hashes over the data as stored, so the export carries it unmasked: a read in full.
        await privacy.RecordAsync(query.Code, "dossier.history_export", cancellationToken);
        return export;
    }

    public async Task<DossierStateView> Handle(GetDossierStateAt query, CancellationToken cancellationToken)
    {
        var id = await ResolveAsync(query.Code, cancellationToken);
        var past = await auditor.StateAtAsync<Dossier>(DossierStreams.Id(id), query.At, Dossier.Apply, cancellationToken);
        return new DossierStateView(id, query.Code, Local(query.At), past.Version, past.RecordedAt is { } at ? Local(at) : null, past.Hash,
            past.State?.Status, past.State is { } d ? DossierTexts.Status(d.Status) : "Hồ sơ chưa có tại thời điểm này.",
            past.State is { } state ? state with { Applicant = await privacy.ShowAsync(state.Applicant, query.Code, "dossier.state_at", cancellationToken) } : null);
    }

    private async Task<Guid> ResolveAsync(string code, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select id from dossiers where code = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = code });
        return await command.ExecuteScalarAsync(cancellationToken) is Guid id ? id : throw DossierWorkflow.NotFound(code);
    }

    private static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, VietnamTime.Zone);
}
