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
/// <see cref="SearchMatch"/>, then by trigram word similarity, then by code.
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

public sealed record SearchHit(string Code, string Name, string FieldCode, OnlineLevel OnlineLevel, SearchMatch Match, double Similarity);

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
    // for word_similarity (<%, pg_trgm.word_similarity_threshold, 0.6 by default). Ranking then reads only the candidates.
    private static string Sql(string allWords, bool byCode, bool byInitials) => $"""
        with candidates as (
            select p.code from catalogue_procedures p where {allWords}
            union select p.code from catalogue_procedures p where @folded <% p.search_text
            {(byCode ? "union select p.code from catalogue_procedures p where p.code ~>=~ @code and p.code ~<~ @codeEnd" : "")}
            {(byInitials ? "union select p.code from catalogue_procedures p where p.initials ~>=~ @initials and p.initials ~<~ @initialsEnd" : "")}
        )
        select p.code, p.name, p.field_code as fieldcode, p.online_level as onlinelevel,
            case when p.code = @code then 6
                 when p.initials = @initials then 5
                 when p.code ~>=~ @code and p.code ~<~ @codeEnd then 4
                 when p.initials ~>=~ @initials and p.initials ~<~ @initialsEnd then 3
                 when {allWords} then 2
                 else 1 end as tier,
            word_similarity(@folded, p.search_text)::float8 as similarity,
            count(*) over () as total
        from candidates c join catalogue_procedures p on p.code = c.code
        where p.status not in ('Repealed', 'Replaced')
          and (@field::text is null or p.field_code = @field)
          and (@online::text is null or p.online_level = @online)
          and (@unit::text is null or exists (select 1 from catalogue_unit_procedures up where up.unit_code = @unit and up.procedure_code = p.code))
        order by tier desc, similarity desc, p.code
        limit @limit offset @offset
        """;

    private static bool LooksLikeCode(string text) => text.Length <= 40 && char.IsAsciiDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');

    /// <summary>The least string greater than every string starting with <paramref name="prefix"/> (ASCII only).</summary>
    private static string NextPrefix(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static string EscapeLike(string value) => value.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private sealed record Row(string Code, string Name, string FieldCode, string OnlineLevel, int Tier, double Similarity, long Total);
}
