using Dapper;
using Npgsql;

namespace Onestop.Catalogue.Features;

/// <summary>Small reads of the catalogue's read models that command handlers need.</summary>
internal sealed class CatalogueQueries(NpgsqlDataSource dataSource)
{
    public async Task<bool> FieldExistsAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        return await db.ExecuteScalarAsync<bool>("select exists (select 1 from catalogue_fields where code = @code)", new { code });
    }

    public async Task<bool> ProcedureExistsAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        return await db.ExecuteScalarAsync<bool>("select exists (select 1 from catalogue_procedures where code = @code)", new { code });
    }

    public async Task<string[]> MissingProceduresAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var known = await db.QueryAsync<string>("select code from catalogue_procedures where code = any(@codes)", new { codes = codes.ToArray() });
        return codes.Except(known).ToArray();
    }

    public async Task<bool> UnitExistsAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        return await db.ExecuteScalarAsync<bool>("select exists (select 1 from catalogue_units where code = @code)", new { code });
    }
}
