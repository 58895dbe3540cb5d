using System.Globalization;
using MediatR;
using Npgsql;
using Onestop.Errors;
using Onestop.Messaging;

namespace Onestop.Catalogue.Features.ImportExport;

public sealed record ExportCatalogue : IQuery<CatalogueFile>;

/// <summary>One flat part of the catalogue as CSV: fields, units, procedures (current version) or assignments.</summary>
public sealed record ExportCataloguePart(string Part) : IQuery<string>;

internal sealed class ExportCatalogueHandler(NpgsqlDataSource dataSource) :
    IRequestHandler<ExportCatalogue, CatalogueFile>,
    IRequestHandler<ExportCataloguePart, string>
{
    public static readonly string[] Parts = ["fields", "units", "procedures", "assignments"];

    public async Task<CatalogueFile> Handle(ExportCatalogue query, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await db.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        return await StoredCatalogue.LoadAsync(db, tx, StoredCatalogue.Note, cancellationToken);
    }

    public async Task<string> Handle(ExportCataloguePart query, CancellationToken cancellationToken)
    {
        if (!Parts.Contains(query.Part))
        {
            throw AppException.NotFound("catalogue.export_part_not_found", $"Không có phần '{query.Part}'; chọn một trong: {string.Join(", ", Parts)}.");
        }

        var file = await Handle(new ExportCatalogue(), cancellationToken);
        return query.Part switch
        {
            "fields" => Csv.Write(["code", "name", "order"], file.Fields.Select(f => new object?[] { f.Code, f.Name, f.Order })),
            "units" => Csv.Write(["code", "name", "kind", "parentCode", "address"],
                file.Units.Select(u => new object?[] { u.Code, u.Name, u.Kind, u.ParentCode, u.Address })),
            "assignments" => Csv.Write(["unitCode", "procedureCode"],
                file.Units.SelectMany(u => (u.Procedures ?? []).Select(p => new object?[] { u.Code, p }))),
            _ => Csv.Write(
                ["code", "version", "name", "fieldCode", "level", "agency", "channels", "workingDays", "sameDay", "fees", "result", "onlineLevel",
                    "decisionNumber", "signedOn", "issuer", "effectiveFrom", "status"],
                file.Procedures.Select(p => (p, v: p.Versions[^1])).Select(x => new object?[]
                {
                    x.p.Code, x.v.Version, x.v.Content.Name, x.v.Content.FieldCode, x.v.Content.Level, x.v.Content.Agency,
                    string.Join("; ", x.v.Content.Channels.Select(c => Csv.Format(c))), x.v.Content.ProcessingTime.WorkingDays, x.v.Content.ProcessingTime.SameDay,
                    string.Join("; ", x.v.Content.Fees.Select(f => $"{f.Name}: {f.Amount.ToString(CultureInfo.InvariantCulture)}")),
                    x.v.Content.Result, x.v.Content.OnlineLevel, x.v.Decision.Number, x.v.Decision.SignedOn, x.v.Decision.Issuer,
                    x.v.Decision.EffectiveFrom, x.p.StatusChanges is { Count: > 0 } s ? s[^1].Status : Domain.ProcedureStatus.InForce,
                })),
        };
    }
}
