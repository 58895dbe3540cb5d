using System.Text.Json;
using Dapper;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.EventStore;
using Onestop.EventStore.Feeds;
using Onestop.EventStore.Projections;

namespace Onestop.Catalogue.Projections;

/// <summary>Keeps the catalogue's read models in step with its streams, in the append's transaction.</summary>
internal sealed class CatalogueProjection : IInlineProjection
{
    public IReadOnlySet<string> StreamTypes { get; } = new HashSet<string> { CatalogueStreams.Procedure, CatalogueStreams.Field, CatalogueStreams.Unit };

    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var db = transaction.Connection!;
        await EventFeed.RecordAsync(transaction, Features.Changes.CatalogueChangeFeed.Table, events, cancellationToken: cancellationToken);
        foreach (var e in events)
        {
            await (e.Data switch
            {
                ProcedurePublished p => SaveVersion(db, transaction, p.Code, 1, p.Content, p.Decision),
                ProcedureAmended a => SaveVersion(db, transaction, a.Code, a.Version, a.Content, a.Decision),
                ProcedureReplaced r => SaveStatus(db, transaction, r.Code, ProcedureStatus.Replaced, r.Decision, r.ReplacementCode, null),
                ProcedureSuspended s => SaveStatus(db, transaction, s.Code, ProcedureStatus.Suspended, s.Decision, null, s.Reason),
                ProcedureReinstated r => SaveStatus(db, transaction, r.Code, ProcedureStatus.InForce, r.Decision, null, null),
                ProcedureRepealed r => SaveStatus(db, transaction, r.Code, ProcedureStatus.Repealed, r.Decision, null, null),
                FieldDefined f => db.ExecuteAsync(
                    """
                    insert into catalogue_fields (code, name, slug, sort_order) values (@Code, @Name, @Slug, @Order)
                    on conflict (code) do update set name = excluded.name, slug = excluded.slug, sort_order = excluded.sort_order
                    """, f, transaction),
                UnitRegistered u => db.ExecuteAsync(
                    """
                    insert into catalogue_units (code, name, kind, parent_code, address) values (@Code, @Name, @Kind, @ParentCode, @Address)
                    on conflict (code) do update set name = excluded.name, kind = excluded.kind, parent_code = excluded.parent_code, address = excluded.address
                    """, new { u.Code, u.Name, Kind = u.Kind.ToString(), u.ParentCode, u.Address }, transaction),
                UnitProceduresAssigned a => AssignAsync(db, transaction, a),
                _ => Task.CompletedTask,
            });
        }
    }

    private static async Task SaveVersion(NpgsqlConnection db, NpgsqlTransaction tx, string code, int version, ProcedureContent content, AnnouncingDecision decision)
    {
        var contentJson = JsonSerializer.Serialize(content, EventTypeRegistry.SerializerOptions);
        await db.ExecuteAsync(
            """
            insert into catalogue_procedure_versions (code, version, effective_from, decision, content)
            values (@code, @version, @effectiveFrom, @decision::jsonb, @content::jsonb)
            """,
            new { code, version, effectiveFrom = decision.EffectiveFrom, decision = JsonSerializer.Serialize(decision, EventTypeRegistry.SerializerOptions), content = contentJson }, tx);
        await db.ExecuteAsync(
            """
            insert into catalogue_procedures (code, name, field_code, level, online_level, status, latest_version, content, search_text, initials)
            values (@code, @name, @field, @level, @online, 'InForce', @version, @content::jsonb, @search, @initials)
            on conflict (code) do update set name = excluded.name, field_code = excluded.field_code, level = excluded.level,
                online_level = excluded.online_level, latest_version = excluded.latest_version, content = excluded.content,
                search_text = excluded.search_text, initials = excluded.initials, updated_at = now()
            """,
            new
            {
                code, name = content.Name, field = content.FieldCode, level = content.Level.ToString(), online = content.OnlineLevel.ToString(),
                version, content = contentJson, search = VietnameseText.Fold(code + " " + content.Name), initials = VietnameseText.Initials(content.Name),
            }, tx);
    }

    private static async Task SaveStatus(NpgsqlConnection db, NpgsqlTransaction tx, string code, ProcedureStatus status, AnnouncingDecision decision, string? replacement, string? reason)
    {
        await db.ExecuteAsync(
            """
            insert into catalogue_procedure_status (code, seq, effective_from, status, decision, replacement, reason)
            select @code, coalesce(max(seq), 0) + 1, @effectiveFrom, @status, @decision::jsonb, @replacement, @reason
            from catalogue_procedure_status where code = @code
            """,
            new { code, effectiveFrom = decision.EffectiveFrom, status = status.ToString(), decision = JsonSerializer.Serialize(decision, EventTypeRegistry.SerializerOptions), replacement, reason }, tx);
        await db.ExecuteAsync("update catalogue_procedures set status = @status, updated_at = now() where code = @code", new { code, status = status.ToString() }, tx);
    }

    private static async Task AssignAsync(NpgsqlConnection db, NpgsqlTransaction tx, UnitProceduresAssigned assigned)
    {
        await db.ExecuteAsync("delete from catalogue_unit_procedures where unit_code = @Code", assigned, tx);
        await db.ExecuteAsync(
            "insert into catalogue_unit_procedures (unit_code, procedure_code) select @Code, unnest(@ProcedureCodes)",
            new { assigned.Code, ProcedureCodes = assigned.ProcedureCodes.ToArray() }, tx);
    }
}

/// <summary>Stream types and ids of the catalogue.</summary>
public static class CatalogueStreams
{
    public const string Procedure = "procedure";
    public const string Field = "field";
    public const string Unit = "unit";

    public static string ProcedureId(string code) => $"procedure-{code}";

    public static string FieldId(string code) => $"field-{code}";

    public static string UnitId(string code) => $"unit-{code}";
}
