using System.Globalization;
using System.Text.RegularExpressions;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Onestop.Catalogue.Domain;
using Onestop.Errors;
using Onestop.EventStore.Audit;

using Onestop.Messaging.Http;

namespace Onestop.Dossiers.Features.Audit;

/// <summary>REST for auditors under /api/dossiers/{code}: history, its verification, the export file, the state at an instant (docs/audit.md).</summary>
internal static partial class DossierAuditEndpoints
{
    public static IEndpointRouteBuilder MapDossierAudit(this IEndpointRouteBuilder endpoints)
    {
        var audit = endpoints.MapGroup("/api/dossiers/{code}").WithTags("Dossier audit");

        audit.MapGet("/history", (string code, IMediator m, CancellationToken ct) => m.Send(new GetDossierHistory(code), ct))
            .AccessOf<GetDossierHistory>();
        audit.MapGet("/history/verify", (string code, string? head, IMediator m, CancellationToken ct) =>
            m.Send(new VerifyDossierHistory(code, ParseHead(head)), ct)).AccessOf<VerifyDossierHistory>();
        audit.MapGet("/history/export", async (string code, IMediator m, CancellationToken ct) =>
            {
                var export = await m.Send(new ExportDossierHistory(code), ct);
                return Results.File(export.ToUtf8Json(), "application/json", FileName(code));
            })
            .Produces<HistoryExport>(StatusCodes.Status200OK, "application/json").AccessOf<ExportDossierHistory>();
        audit.MapGet("/state", (string code, string? at, IMediator m, CancellationToken ct) => m.Send(new GetDossierStateAt(code, ParseInstant(at)), ct))
            .AccessOf<GetDossierStateAt>();
        return endpoints;
    }

    internal static string FileName(string code) => $"{code}.history.json";

    /// <summary>A kept head, "version:hash" as the export's head or a verification gives it (hash: 64 hex digits).</summary>
    internal static ExportHead? ParseHead(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var match = KeptHead().Match(value);
        return match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? new ExportHead(version, match.Groups[2].Value.ToLowerInvariant())
            : throw AppException.Validation("head", $"Phiên bản lưu giữ '{value}' không hợp lệ; dạng «phiên bản:mã băm», ví dụ 9:{new string('a', 64)}.");
    }

    /// <summary>An ISO 8601 instant; without an offset it is read as Vietnam time, the time officials speak in.</summary>
    internal static DateTimeOffset ParseInstant(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw AppException.Validation("at", "Cần tham số at: thời điểm theo ISO 8601, ví dụ 2026-03-04T10:00:00+07:00.");
        }

        var hasOffset = ExplicitOffset().IsMatch(value);
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) || !IsoLike().IsMatch(value))
        {
            throw AppException.Validation("at", $"Thời điểm '{value}' không hợp lệ; dùng ISO 8601, ví dụ 2026-03-04T10:00:00+07:00.");
        }

        return hasOffset
            ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified), VietnamTime.Zone.GetUtcOffset(parsed));
    }

    [GeneratedRegex(@"^(\d{1,18}):([0-9a-fA-F]{64})$")]
    private static partial Regex KeptHead();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOffset();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoLike();
}
