using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Onestop.Catalogue.Domain;
using Onestop.Documents.Features.Queries;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Queries;
using Onestop.EventStore.Audit;

namespace Onestop.Documents.Features.Archive;

/// <summary>
/// manifest.json of an archive package (format version 1, docs/archive.md): built only from the dossier's own data,
/// documents in SHA-256 order, so exporting the same dossier again gives the same bytes.
/// </summary>
internal sealed record ArchiveManifest(
    string Format, int FormatVersion, ManifestDossier Dossier, ManifestDates Dates, ManifestRetention Retention,
    IReadOnlyList<ManifestDocument> Documents, ManifestHistory History)
{
    public const string FormatName = "onestop.archive-package";
    public const string HistoryEntry = "history.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static ArchiveManifest Of(DossierView dossier, IReadOnlyList<DossierDocument> documents, HistoryExport history, Retention retention)
    {
        var returnedAt = Local(dossier.Return!.At);
        var files = documents.GroupBy(d => d.Id)
            .Select(g => new ManifestDocument(EntryOf(g.First()), g.First().FileName, [.. g.Select(d => d.ComponentCode).Distinct().Order(StringComparer.Ordinal)],
                g.First().MediaType, g.First().Size, g.First().Sha256))
            .OrderBy(d => d.Sha256, StringComparer.Ordinal).ThenBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.FileName, StringComparer.Ordinal);
        return new ArchiveManifest(FormatName, 1,
            new ManifestDossier(dossier.Code, new ManifestProcedure(dossier.Procedure.Code, dossier.Procedure.Version, dossier.Procedure.Name),
                dossier.ReceivingUnit, new ManifestApplicant(dossier.Applicant.FullName, dossier.Applicant.OrganizationName,
                    PersonalData.Mask(dossier.Applicant.IdentityNumber)), dossier.Decision?.Outcome, dossier.Decision?.DocumentNumber),
            new ManifestDates(Local(dossier.ReceivedAt), Local(dossier.DueAt), returnedAt),
            new ManifestRetention(retention.Years, retention.Permanent,
                retention.Years is { } years ? DateOnly.FromDateTime(returnedAt.DateTime).AddYears(years) : null, retention.Source),
            [.. files],
            new ManifestHistory(HistoryEntry, history.Format, history.FormatVersion, history.StreamId, history.Head.Version, history.Head.Hash));
    }

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    /// <summary>documents/&lt;sha256&gt;-&lt;name&gt;: the name folded to ASCII letters, digits, '.', '-' and '_', so any unzip tool keeps it.</summary>
    public static string EntryOf(DossierDocument document)
    {
        var safe = new StringBuilder();
        foreach (var c in document.FileName.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
            }
        }

        var name = safe.ToString().TrimStart('.', '_');
        return $"documents/{document.Sha256}-{(name.Length == 0 ? "tai-lieu" : name[..Math.Min(name.Length, 100)])}";
    }

    private static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, VietnamTime.Zone);

    private static DateTimeOffset? Local(DateTimeOffset? instant) => instant is { } i ? Local(i) : null;
}

/// <summary>The applicant's identity number is masked: the archive needs who filed, not the number (it is in history.json).</summary>
internal sealed record ManifestApplicant(string FullName, string? OrganizationName, string? IdentityNumberMasked);

internal sealed record ManifestProcedure(string Code, int Version, string Name);

internal sealed record ManifestDossier(
    string Code, ManifestProcedure Procedure, string ReceivingUnit, ManifestApplicant Applicant, DecisionOutcome? DecisionOutcome, string? DecisionNumber);

internal sealed record ManifestDates(DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset ResultReturnedAt);

/// <summary>Years counted from the result's return (<c>KeepUntil</c>), or permanent; <c>Source</c> is the setting that gave it.</summary>
internal sealed record ManifestRetention(int? Years, bool Permanent, DateOnly? KeepUntil, string Source);

internal sealed record ManifestDocument(string File, string FileName, IReadOnlyList<string> ComponentCodes, string MediaType, long Size, string Sha256);

/// <summary>The history export in the package and its head: keep the head, a later export must still contain it.</summary>
internal sealed record ManifestHistory(string File, string Format, int FormatVersion, string StreamId, long HeadVersion, string HeadHash);
