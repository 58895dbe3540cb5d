using Dapper;
using MediatR;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.Messaging;

namespace Onestop.Catalogue.Features.Procedures;

public sealed record ProcedureSummary(string Code, string Name, string FieldCode, ImplementingLevel Level, OnlineLevel OnlineLevel, ProcedureStatus Status, int LatestVersion);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>The catalogue's procedures, filtered by field, unit and online level, a page at a time, by code.</summary>
public sealed record ListProcedures(string? FieldCode = null, string? UnitCode = null, OnlineLevel? OnlineLevel = null, int Page = 1, int PageSize = 50)
    : IQuery<Paged<ProcedureSummary>>;

internal sealed class ListProceduresHandler(NpgsqlDataSource dataSource) : IRequestHandler<ListProcedures, Paged<ProcedureSummary>>
{
    public async Task<Paged<ProcedureSummary>> Handle(ListProcedures query, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = Math.Max(1, query.Page);
        var filter = new
        {
            field = query.FieldCode,
            unit = query.UnitCode,
            online = query.OnlineLevel?.ToString(),
            limit = pageSize,
            offset = (page - 1) * pageSize,
        };
        const string Where = """
            where (@field::text is null or p.field_code = @field)
              and (@online::text is null or p.online_level = @online)
              and (@unit::text is null or exists (select 1 from catalogue_unit_procedures up where up.unit_code = @unit and up.procedure_code = p.code))
            """;
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await db.ExecuteScalarAsync<long>($"select count(*) from catalogue_procedures p {Where}", filter);
        var rows = await db.QueryAsync<(string Code, string Name, string FieldCode, string Level, string OnlineLevel, string Status, int LatestVersion)>(
            $"select code, name, field_code, level, online_level, status, latest_version from catalogue_procedures p {Where} order by code limit @limit offset @offset",
            filter);
        var items = rows.Select(r => new ProcedureSummary(r.Code, r.Name, r.FieldCode, Enum.Parse<ImplementingLevel>(r.Level),
            Enum.Parse<OnlineLevel>(r.OnlineLevel), Enum.Parse<ProcedureStatus>(r.Status), r.LatestVersion)).ToList();
        return new Paged<ProcedureSummary>(items, page, pageSize, total);
    }
}
