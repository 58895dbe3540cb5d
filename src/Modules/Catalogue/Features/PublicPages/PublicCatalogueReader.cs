using Dapper;
using Npgsql;
using Onestop.Catalogue.Domain;

namespace Onestop.Catalogue.Features.PublicPages;

public sealed record PublicField(string Code, string Name, string Slug, int ProcedureCount);

public sealed record PublicProcedure(string Code, string Name, OnlineLevel OnlineLevel);

public sealed record PublicUnit(string Code, string Name, IReadOnlyList<PublicField> Fields);

/// <summary>What citizens' pages and notice sheets read: procedures in force (neither repealed nor replaced), from the read model.</summary>
internal sealed class PublicCatalogueReader(NpgsqlDataSource dataSource, PublicCatalogueCache cache)
{
    private const string Listed = "p.status not in ('Repealed', 'Replaced')";

    public Task<IReadOnlyList<PublicField>> FieldsAsync() => cache.GetOrAddAsync("fields", async () =>
    {
        await using var db = await dataSource.OpenConnectionAsync();
        return (IReadOnlyList<PublicField>)(await db.QueryAsync<PublicField>(
            $"""
            select f.code, f.name, f.slug, count(p.code)::int as procedurecount
            from catalogue_fields f left join catalogue_procedures p on p.field_code = f.code and {Listed}
            group by f.code order by f.sort_order, f.name
            """)).ToList();
    });

    public async Task<PublicField?> FieldAsync(string slug) => (await FieldsAsync()).FirstOrDefault(f => f.Slug == slug);

    public Task<IReadOnlyList<PublicProcedure>> ProceduresAsync(string fieldCode) => cache.GetOrAddAsync($"procedures:{fieldCode}", async () =>
    {
        await using var db = await dataSource.OpenConnectionAsync();
        var rows = await db.QueryAsync<(string Code, string Name, string OnlineLevel)>(
            $"select code, name, online_level from catalogue_procedures p where p.field_code = @fieldCode and {Listed} order by p.name, p.code",
            new { fieldCode });
        return (IReadOnlyList<PublicProcedure>)rows.Select(r => new PublicProcedure(r.Code, r.Name, Enum.Parse<OnlineLevel>(r.OnlineLevel))).ToList();
    });

    public Task<bool> ProcedureExistsAsync(string code) => cache.GetOrAddAsync($"exists:{code}", async () =>
    {
        await using var db = await dataSource.OpenConnectionAsync();
        return await db.ExecuteScalarAsync<bool>($"select exists (select 1 from catalogue_procedures p where p.code = @code and {Listed})", new { code });
    });

    /// <summary>A unit's fields with the count of its procedures in each; every field when the unit has none assigned.</summary>
    public async Task<PublicUnit?> UnitAsync(string code)
    {
        await using var db = await dataSource.OpenConnectionAsync();
        var name = await db.ExecuteScalarAsync<string?>("select name from catalogue_units where code = @code", new { code });
        if (name is null)
        {
            return null;
        }

        var counts = (await db.QueryAsync<(string FieldCode, int Count)>(
            $"""
            select p.field_code, count(*)::int from catalogue_unit_procedures up
            join catalogue_procedures p on p.code = up.procedure_code and {Listed}
            where up.unit_code = @code group by p.field_code
            """, new { code })).ToDictionary(r => r.FieldCode, r => r.Count);
        var fields = await FieldsAsync();
        return new PublicUnit(code, name, counts.Count == 0
            ? fields
            : fields.Where(f => counts.ContainsKey(f.Code)).Select(f => f with { ProcedureCount = counts[f.Code] }).ToList());
    }
}
