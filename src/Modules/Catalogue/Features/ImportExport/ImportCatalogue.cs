using MediatR;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Projections;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Catalogue.Features.ImportExport;

/// <summary>
/// Imports a whole catalogue in one transaction. Idempotent: only what differs from the stored catalogue is appended,
/// so importing the same file twice appends nothing the second time. Any invalid row and nothing is committed.
/// </summary>
[AllowedRoles(Roles.CatalogueController)]
public sealed record ImportCatalogue(CatalogueFile File) : ICommand<ImportSummary>;

internal sealed class ImportCatalogueHandler(CatalogueImporter importer) : IRequestHandler<ImportCatalogue, ImportSummary>
{
    public Task<ImportSummary> Handle(ImportCatalogue command, CancellationToken cancellationToken) => importer.ImportAsync(command.File, cancellationToken);
}

/// <summary>Checks a file against itself and the stored catalogue, then appends the difference in the command's transaction.</summary>
internal sealed class CatalogueImporter(EventStoreSession session, RequestContext context)
{
    public async Task<ImportSummary> ImportAsync(CatalogueFile file, CancellationToken cancellationToken)
    {
        if (CatalogueFileChecks.Shape(file) is { Count: > 0 } missing)
        {
            throw AppException.Validation(missing);
        }

        var tx = await session.GetTransactionAsync(cancellationToken);
        var stored = await StoredCatalogue.LoadAsync(tx.Connection!, tx, null, cancellationToken);
        var rowErrors = new CatalogueFileChecks(file, stored).Run();
        if (rowErrors.Count > 0)
        {
            throw AppException.Validation(rowErrors);
        }

        var plan = new ImportPlan(file, stored);
        if (plan.Errors.Count > 0)
        {
            throw AppException.Validation(plan.Errors);
        }

        var metadata = context.ToEventMetadata();
        foreach (var append in plan.Appends)
        {
            await session.AppendAsync(append.StreamId, append.StreamType, append.Expected, append.Events, metadata, cancellationToken);
        }

        return plan.Summary;
    }
}

/// <summary>The events an import appends, decided in memory before anything is written.</summary>
internal sealed class ImportPlan
{
    private readonly List<FieldError> errors = [];
    private int created, amended, unchanged, statusChanges, fields, units, assignments;

    public ImportPlan(CatalogueFile file, CatalogueFile stored)
    {
        PlanFields(file.Fields, stored.Fields.ToDictionary(f => f.Code));
        var storedProcedures = stored.Procedures.ToDictionary(p => p.Code);
        foreach (var (row, i) in file.Procedures.Select((r, i) => (r, i)))
        {
            PlanProcedure($"procedures[{i}]", row, storedProcedures.GetValueOrDefault(row.Code));
        }

        PlanUnits(file.Units, stored.Units.ToDictionary(u => u.Code));
    }

    public List<StreamAppend> Appends { get; } = [];

    public IReadOnlyList<FieldError> Errors => errors;

    public ImportSummary Summary => new(created, amended, unchanged, statusChanges, fields, units, assignments, Appends.Sum(a => a.Events.Count));

    private void PlanFields(IReadOnlyList<FieldRow> rows, Dictionary<string, FieldRow> stored)
    {
        foreach (var row in rows)
        {
            var wanted = row with { Name = row.Name.Trim() };
            if (stored.TryGetValue(row.Code, out var current) && current == wanted)
            {
                continue;
            }

            fields++;
            Appends.Add(new StreamAppend(CatalogueStreams.FieldId(row.Code), CatalogueStreams.Field, ExpectedVersion.Any,
                [new FieldDefined(row.Code, wanted.Name, VietnameseText.Slug(wanted.Name), row.Order)]));
        }
    }

    private void PlanUnits(IReadOnlyList<UnitRow> rows, Dictionary<string, UnitRow> stored)
    {
        foreach (var row in rows)
        {
            var current = stored.GetValueOrDefault(row.Code);
            var events = new List<object>();
            var registered = new UnitRegistered(row.Code, row.Name.Trim(), row.Kind, row.ParentCode, row.Address);
            if (current is null || current with { Procedures = null } != new UnitRow(row.Code, registered.Name, row.Kind, row.ParentCode, row.Address, null))
            {
                units++;
                events.Add(registered);
            }

            var codes = row.Procedures?.Distinct().ToList();
            if (codes is not null && !codes.ToHashSet().SetEquals(current?.Procedures ?? []))
            {
                assignments++;
                events.Add(new UnitProceduresAssigned(row.Code, codes));
            }

            if (events.Count > 0)
            {
                Appends.Add(new StreamAppend(CatalogueStreams.UnitId(row.Code), CatalogueStreams.Unit, ExpectedVersion.Any, events));
            }
        }
    }

    /// <summary>
    /// Walks the file's versions and status changes in date order; one already stored (same content and decision) is
    /// skipped, any other goes through the same pure decisions as the single-item commands.
    /// </summary>
    private void PlanProcedure(string path, ProcedureRow row, ProcedureRow? stored)
    {
        var current = stored is null ? null : ToProcedure(stored);
        var timeline = row.Versions.Select((v, j) => (Date: v.Decision.EffectiveFrom, Path: $"{path}.versions[{j}]", Item: (object)v))
            .Concat((row.StatusChanges ?? []).Select((s, j) => (Date: s.Decision.EffectiveFrom, Path: $"{path}.statusChanges[{j}]", Item: (object)s)))
            .OrderBy(x => x.Date);
        var events = new List<object>();
        foreach (var (_, itemPath, item) in timeline)
        {
            try
            {
                if (Decide(row.Code, current, item) is { } change)
                {
                    events.Add(change);
                    current = Procedure.Apply(current, change);
                }
            }
            catch (AppException e)
            {
                errors.AddRange(e.FieldErrors.Count > 0
                    ? e.FieldErrors.Select(f => f with { Field = $"{itemPath}.{f.Field}" })
                    : [new FieldError(itemPath, e.Message, e.Code)]);
            }
        }

        created += stored is null ? 1 : 0;
        amended += stored is not null && events.OfType<ProcedureAmended>().Any() ? 1 : 0;
        unchanged += stored is not null && events.Count == 0 ? 1 : 0;
        statusChanges += events.Count(e => e is not ProcedurePublished and not ProcedureAmended);
        if (events.Count > 0)
        {
            var expected = stored is null ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(stored.Versions.Count + (stored.StatusChanges?.Count ?? 0));
            Appends.Add(new StreamAppend(CatalogueStreams.ProcedureId(row.Code), CatalogueStreams.Procedure, expected, events));
        }
    }

    private static object? Decide(string code, Procedure? current, object item) => item switch
    {
        VersionRow v when current?.Versions.Any(x => StoredCatalogue.Same(x.Content, v.Content) && x.Decision == v.Decision) == true => null,
        VersionRow v when current is null => ProcedureDecisions.Publish(current, code, v.Content, v.Decision),
        VersionRow v => ProcedureDecisions.Amend(current, code, v.Content, v.Decision),
        StatusRow s when current?.StatusChanges.Any(x => x == new StatusChange(s.Status, s.Decision, s.ReplacementCode, s.Reason)) == true => null,
        StatusRow { Status: ProcedureStatus.Suspended } s => ProcedureDecisions.Suspend(current, code, s.Reason!, s.Decision),
        StatusRow { Status: ProcedureStatus.InForce } s => ProcedureDecisions.Reinstate(current, code, s.Decision),
        StatusRow { Status: ProcedureStatus.Replaced } s => ProcedureDecisions.Replace(current, code, s.ReplacementCode!, s.Decision),
        StatusRow { Status: ProcedureStatus.Repealed } s => ProcedureDecisions.Repeal(current, code, s.Decision),
        _ => throw AppException.Validation("status", "Trạng thái không hợp lệ."),
    };

    private static Procedure ToProcedure(ProcedureRow row) => new(
        row.Code,
        row.Versions.Select(v => new ProcedureVersion(v.Version, v.Content, v.Decision)).ToList(),
        (row.StatusChanges ?? []).Select(s => new StatusChange(s.Status, s.Decision, s.ReplacementCode, s.Reason)).ToList());
}

internal sealed record StreamAppend(string StreamId, string StreamType, ExpectedVersion Expected, IReadOnlyList<object> Events);
