using System.Globalization;
using System.Text;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.Procedures;
using Onestop.Messaging;

namespace Onestop.Catalogue.Features.Search;

/// <summary>
/// Finds procedures in force by code, initials, words or a near spelling, accent-insensitively; ranked by
/// <see cref="SearchMatch"/>, then by trigram word similarity (near spellings), then shorter names, then code.
/// </summary>
public sealed record SearchProcedures(
    string? Text, string? FieldCode = null, string? UnitCode = null, OnlineLevel? OnlineLevel = null, int Page = 1, int PageSize = 20)
    : IQuery<Paged<SearchHit>>
{
    public const int MaxTextLength = 100;
    public const int MaxPageSize = 100;
}

/// <summary>Why a procedure matched, best first: the rank order of results.</summary>
public enum SearchMatch
{
    ExactCode = 6,
    ExactInitials = 5,
    CodePrefix = 4,
    InitialsPrefix = 3,
    AllWords = 2,
    Similar = 1,
}

/// <summary>A result; <paramref name="Similarity"/> (pg_trgm word similarity, 0 to 1) is given for near spellings only.</summary>
public sealed record SearchHit(string Code, string Name, string FieldCode, OnlineLevel OnlineLevel, SearchMatch Match, double? Similarity);

internal sealed class SearchProceduresValidator : AbstractValidator<SearchProcedures>
{
    public SearchProceduresValidator()
    {
        RuleFor(q => q.Text).Must(t => !string.IsNullOrWhiteSpace(t) && VietnameseText.Fold(t).Length > 0)
            .WithMessage("Nhập mã hoặc tên thủ tục cần tìm.");
        RuleFor(q => q.Text).MaximumLength(SearchProcedures.MaxTextLength)
            .WithMessage($"Từ khóa tìm kiếm dài quá {SearchProcedures.MaxTextLength} ký tự.");
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Số trang bắt đầu từ 1.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, SearchProcedures.MaxPageSize)
            .WithMessage($"Mỗi trang có từ 1 đến {SearchProcedures.MaxPageSize} kết quả.");
    }
}

internal sealed class SearchProceduresHandler(NpgsqlDataSource dataSource) : IRequestHandler<SearchProcedures, Paged<SearchHit>>
{
    private const int MaxWords = 8;

    /// <summary>Near spellings are added when the exact tiers find fewer results than this (a page).</summary>
    private const int FuzzyBelow = 20;

    public async Task<Paged<SearchHit>> Handle(SearchProcedures query, CancellationToken cancellationToken)
    {
        var text = query.Text!.Trim();
        var folded = VietnameseText.Fold(text);
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Take(MaxWords).ToList();
        var code = LooksLikeCode(text) ? text : null;
        // "DKKS" or "dkks": one run of letters may be the first letters of the name's words.
        var initials = words.Count == 1 && folded.Length is >= 2 and <= 16 && folded.All(char.IsAsciiLetter) ? folded : null;
        var parameters = new DynamicParameters(new
        {
            code,
            codeEnd = code is null ? null : NextPrefix(code),
            initials,
            initialsEnd = initials is null ? null : NextPrefix(initials),
            folded,
            field = query.FieldCode,
            unit = query.UnitCode,
            online = query.OnlineLevel?.ToString(),
            limit = query.PageSize,
            offset = (query.Page - 1) * query.PageSize,
        });
        var allWords = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            parameters.Add($"w{i}", "%" + EscapeLike(words[i]) + "%");
            allWords.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : " and ")}p.search_text like @w{i}");
        }

        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var sql = Sql(allWords.ToString(), code is not null, initials is not null);
        var rows = (await db.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
        var hits = rows.Select(r => new SearchHit(r.Code, r.Name, r.FieldCode, Enum.Parse<OnlineLevel>(r.OnlineLevel), (SearchMatch)r.Tier, r.Similarity)).ToList();
        return new Paged<SearchHit>(hits, query.Page, query.PageSize, rows.Count > 0 ? rows[0].Total : 0);
    }

    // Each candidate branch is one index scan: the primary key, the text_pattern_ops b-trees of 0003 (~>=~ and ~<~
    // keep them usable with bind parameters, where LIKE 'x%' is not), and the gin trigram index for the words and
    // for word_similarity (<%, pg_trgm.word_similarity_threshold, 0.6 by default). word_similarity is the costly part,
    // so near spellings are looked for only when the other tiers find fewer than a page, and only they are scored.
    private static string Sql(string allWords, bool byCode, bool byInitials)
    {
        const string Filters = """
            p.status not in ('Repealed', 'Replaced')
              and (@field::text is null or p.field_code = @field)
              and (@online::text is null or p.online_level = @online)
              and (@unit::text is null or exists (select 1 from catalogue_unit_procedures up where up.unit_code = @unit and up.procedure_code = p.code))
            """;
        return $"""
            with strong as (
                select p.code from (
                    select p.code from catalogue_procedures p where {allWords}
                    {(byCode ? "union select p.code from catalogue_procedures p where p.code ~>=~ @code and p.code ~<~ @codeEnd" : "")}
                    {(byInitials ? "union select p.code from catalogue_procedures p where p.initials ~>=~ @initials and p.initials ~<~ @initialsEnd" : "")}
                ) c join catalogue_procedures p on p.code = c.code
                where {Filters}
            ),
            near as (
                select p.code from catalogue_procedures p
                where @folded <% p.search_text and {Filters} and (select count(*) from strong) < {FuzzyBelow}
                  and p.code not in (select code from strong)
            ),
            ranked as (
                select p.code, p.name, p.field_code, p.online_level, p.search_text,
                    case when p.code = @code then 6
                         when p.initials = @initials then 5
                         when p.code ~>=~ @code and p.code ~<~ @codeEnd then 4
                         when p.initials ~>=~ @initials and p.initials ~<~ @initialsEnd then 3
                         else 2 end as tier
                from strong c join catalogue_procedures p on p.code = c.code
                union all
                select p.code, p.name, p.field_code, p.online_level, p.search_text, 1
                from near c join catalogue_procedures p on p.code = c.code
            )
            select code, name, field_code as fieldcode, online_level as onlinelevel, tier,
                case when tier = 1 then word_similarity(@folded, search_text)::float8 end as similarity,
                count(*) over () as total
            from ranked
            order by tier desc, similarity desc nulls last, length(name), code
            limit @limit offset @offset
            """;
    }

    private static bool LooksLikeCode(string text) => text.Length <= 40 && char.IsAsciiDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');

    /// <summary>The least string greater than every string starting with <paramref name="prefix"/> (ASCII only).</summary>
    private static string NextPrefix(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static string EscapeLike(string value) => value.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private sealed record Row(string Code, string Name, string FieldCode, string OnlineLevel, int Tier, double? Similarity, long Total);
}
