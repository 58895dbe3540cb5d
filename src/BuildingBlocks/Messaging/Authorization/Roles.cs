namespace Onestop.Messaging.Authorization;

/// <summary>The roles of officials using the platform. An administrator may do everything.</summary>
public static class Roles
{
    /// <summary>Cán bộ tiếp nhận và trả kết quả (one-stop desk officer).</summary>
    public const string DeskOfficer = "desk_officer";

    /// <summary>Chuyên viên xử lý (specialist who processes dossiers).</summary>
    public const string Specialist = "specialist";

    /// <summary>Lãnh đạo (leader who approves and signs).</summary>
    public const string Leader = "leader";

    /// <summary>Cán bộ kiểm soát thủ tục hành chính (catalogue controller).</summary>
    public const string CatalogueController = "catalogue_controller";

    public const string StatisticsViewer = "statistics_viewer";

    /// <summary>Read-only access to histories and their verification.</summary>
    public const string Auditor = "auditor";

    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } =
        [DeskOfficer, Specialist, Leader, CatalogueController, StatisticsViewer, Auditor, Administrator];
}
