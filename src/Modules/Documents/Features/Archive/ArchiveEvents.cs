using Onestop.EventStore;

namespace Onestop.Documents.Features.Archive;

/// <summary>
/// Nộp lưu: the dossier's archive package, identified by its manifest's SHA-256, was handed to the agency archive,
/// which gave it receipt number <c>ArchiveReceiptNumber</c>.
/// </summary>
public sealed record ArchiveHandedOver(
    Guid DossierId, string DossierCode, string ManifestSha256, long HistoryHeadVersion, string HistoryHeadHash,
    string ArchiveReceiptNumber, string ReceivedBy, string? Note, DateTimeOffset At, string? By, string? Unit);

/// <summary>One archive stream per dossier, <c>archive-{dossierId}</c>, holding its hand-over.</summary>
public static class ArchiveStreams
{
    public const string Type = "document-archive";

    public static string Id(Guid dossierId) => $"archive-{dossierId:D}";

    public static void Register(EventTypeRegistry registry) =>
        registry.Register<ArchiveHandedOver>("documents.archive_handed_over.v1");
}
