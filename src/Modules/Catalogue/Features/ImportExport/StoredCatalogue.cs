using System.Text.Json;
using Dapper;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.EventStore;

namespace Onestop.Catalogue.Features.ImportExport;

/// <summary>Reads the whole catalogue from its read models, in the order export writes it.</summary>
internal static class StoredCatalogue
{
    public const string Note =
        "Tên thủ tục, lĩnh vực và đơn vị là tên thật; các chi tiết khác (trình tự, thành phần hồ sơ, phí, thời hạn, căn cứ pháp lý) chỉ mang tính minh họa. "
        + "Names are real; the other details (steps, components, fees, times, legal basis) are illustrative.";

    public static async Task<CatalogueFile> LoadAsync(NpgsqlConnection db, NpgsqlTransaction? tx, string? note, CancellationToken cancellationToken)
    {
        var fields = await db.QueryAsync<FieldRow>(new CommandDefinition(
            "select code, name, sort_order as \"order\" from catalogue_fields order by sort_order, code", transaction: tx, cancellationToken: cancellationToken));
        var assigned = (await db.QueryAsync<(string Unit, string Procedure)>(new CommandDefinition(
                "select unit_code, procedure_code from catalogue_unit_procedures order by unit_code, procedure_code", transaction: tx, cancellationToken: cancellationToken)))
            .ToLookup(a => a.Unit, a => a.Procedure);
        var units = await db.QueryAsync<(string Code, string Name, string Kind, string? Parent, string? Address)>(new CommandDefinition(
            "select code, name, kind, parent_code, address from catalogue_units order by code", transaction: tx, cancellationToken: cancellationToken));
        var versions = (await db.QueryAsync<(string Code, int Version, string Content, string Decision)>(new CommandDefinition(
                "select code, version, content::text, decision::text from catalogue_procedure_versions order by code, version", transaction: tx, cancellationToken: cancellationToken)))
            .ToLookup(v => v.Code, v => new VersionRow(v.Version, Read<ProcedureContent>(v.Content), Read<AnnouncingDecision>(v.Decision)));
        var statuses = (await db.QueryAsync<(string Code, string Status, string Decision, string? Replacement, string? Reason)>(new CommandDefinition(
                "select code, status, decision::text, replacement, reason from catalogue_procedure_status order by code, seq", transaction: tx, cancellationToken: cancellationToken)))
            .ToLookup(s => s.Code, s => new StatusRow(Enum.Parse<ProcedureStatus>(s.Status), Read<AnnouncingDecision>(s.Decision), s.Replacement, s.Reason));

        return new CatalogueFile(
            note,
            fields.ToList(),
            units.Select(u => new UnitRow(u.Code, u.Name, Enum.Parse<UnitKind>(u.Kind), u.Parent, u.Address, assigned[u.Code].ToList())).ToList(),
            versions.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ProcedureRow(g.Key, g.ToList(), statuses[g.Key].ToList())).ToList());
    }

    /// <summary>Two rows are the same when they serialize the same: records holding lists do not compare by value.</summary>
    public static bool Same<T>(T a, T b) =>
        JsonSerializer.Serialize(a, EventTypeRegistry.SerializerOptions) == JsonSerializer.Serialize(b, EventTypeRegistry.SerializerOptions);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, EventTypeRegistry.SerializerOptions)!;
}
