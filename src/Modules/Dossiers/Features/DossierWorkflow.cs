using Microsoft.Extensions.Options;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Domain.Calendar;
using Onestop.Catalogue.Features.Calendar;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Projections;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Messaging;

namespace Onestop.Dossiers.Features;

/// <summary>What a command changed, as the API returns it; <c>Version</c> is the stream version REST sends as ETag.</summary>
public sealed record DossierChanged(
    Guid Id, string Code, long Version, DossierStatus Status, string StatusText, DateTimeOffset? DueAt, DateTimeOffset? AppointmentAt)
{
    public static DossierChanged Of(Dossier dossier, long version) =>
        new(dossier.Id, dossier.Code, version, dossier.Status, DossierTexts.Status(dossier.Status), dossier.DueAt, dossier.AppointmentAt);
}

/// <summary>Which officials may act: those of the unit handling the dossier, or also those of the desk that received it.</summary>
internal enum UnitScope
{
    Handling,
    HandlingOrDesk,

    /// <summary>Also an anonymous citizen, who proves the dossier is theirs in the decision (the lookup secret).</summary>
    Citizen,
}

/// <summary>
/// Every transition the same way: load the stream, check the official's unit and the version the caller saw,
/// decide with the pure functions, append at the version read. A refusal appends nothing.
/// </summary>
internal sealed class DossierWorkflow(
    EventStoreSession session, RequestContext context, WorkingCalendarService calendars, IOptions<OfficeHours> hours, TimeProvider clock)
{
    public async Task<DossierChanged> ActAsync(
        Guid id, long? expectedVersion, UnitScope scope, Func<Dossier, DecisionContext, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
    {
        var (dossier, version) = await LoadAsync(id, cancellationToken);
        EnsureUnit(dossier, scope);
        if (expectedVersion is { } expected && expected != version)
        {
            throw new AppException(ErrorKind.Concurrency, "dossier.version_mismatch",
                $"Hồ sơ {dossier.Code} đã được cập nhật (phiên bản hiện tại {version}, thao tác dựa trên phiên bản {expected}). Vui lòng tải lại hồ sơ.");
        }

        var events = decide(dossier, await DecisionContextAsync(cancellationToken));
        var result = await session.AppendAsync(DossierStreams.Id(id), DossierStreams.Type, ExpectedVersion.Exactly(version), events,
            context.ToEventMetadata(), cancellationToken);
        return DossierChanged.Of(events.Aggregate(dossier, Dossier.Apply), result.NewVersion);
    }

    public Task<DossierChanged> ActAsync(
        Guid id, long? expectedVersion, UnitScope scope, Func<Dossier, DecisionContext, object> decide, CancellationToken cancellationToken) =>
        ActAsync(id, expectedVersion, scope, (d, c) => [decide(d, c)], cancellationToken);

    public async Task<(Dossier Dossier, long Version)> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var (dossier, version) = await session.AggregateStreamAsync<Dossier>(DossierStreams.Id(id), Dossier.Apply, cancellationToken: cancellationToken);
        return dossier is null ? throw NotFound(id.ToString()) : (dossier, version);
    }

    public async Task<DecisionContext> DecisionContextAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var year = Deadlines.LocalDate(now).Year;
        var calendar = await calendars.LoadAsync(year - 1, year + 2, cancellationToken);
        return new DecisionContext(now, new ActedBy(context.Actor, context.Unit), calendar, hours.Value);
    }

    public DateOnly Today => VietnamTime.Today(clock);

    public void EnsureUnit(Dossier dossier, UnitScope scope)
    {
        if (context.IsSystem || (scope == UnitScope.Citizen && context.Actor is null))
        {
            return;
        }

        var unit = context.Unit;
        var allowed = unit is not null && (unit == dossier.HandlingUnit || (scope != UnitScope.Handling && unit == dossier.ReceivingUnit));
        if (!allowed)
        {
            throw AppException.Forbidden("dossier.other_unit",
                $"Hồ sơ {dossier.Code} đang do đơn vị {dossier.HandlingUnit} xử lý; cán bộ của đơn vị {unit ?? "(chưa xác định)"} không được thực hiện thao tác này.");
        }
    }

    public static AppException NotFound(string what) => AppException.NotFound("dossier.not_found", $"Không tìm thấy hồ sơ {what}.");
}
