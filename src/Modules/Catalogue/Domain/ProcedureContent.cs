namespace Onestop.Catalogue.Domain;

/// <summary>Who implements a procedure (cấp thực hiện).</summary>
public enum ImplementingLevel
{
    Central,
    Province,
    Commune,
}

/// <summary>How a dossier may be submitted (cách thức thực hiện).</summary>
public enum Channel
{
    /// <summary>Trực tiếp: at the one-stop desk.</summary>
    Direct,

    /// <summary>Trực tuyến: through a public-service portal.</summary>
    Online,

    /// <summary>Bưu chính: by post.</summary>
    Post,
}

/// <summary>Mức độ dịch vụ công trực tuyến: none, một phần (partly online), toàn trình (fully online).</summary>
public enum OnlineLevel
{
    None,
    Partial,
    Full,
}

/// <summary>A dossier component (thành phần hồ sơ): originals and copies, form, whether required, and when.</summary>
public sealed record ComponentSpec(
    string Code,
    string Name,
    int Originals,
    int Copies,
    bool Required,
    string? Condition = null,
    string? FormName = null,
    string? FormUrl = null);

/// <summary>
/// Thời hạn giải quyết: a number of working days, or the same day. A dossier received after the cut-off hour
/// counts from the next working day.
/// </summary>
public sealed record ProcessingTime(int WorkingDays, bool SameDay = false, int CutOffHour = 15);

/// <summary>Phí, lệ phí: an amount in VND and who is exempt.</summary>
public sealed record Fee(string Name, decimal Amount, string? Exemption = null);

/// <summary>Everything a version of a procedure says. A new version replaces it whole.</summary>
public sealed record ProcedureContent(
    string Name,
    string FieldCode,
    ImplementingLevel Level,
    string Agency,
    IReadOnlyList<string> Steps,
    IReadOnlyList<Channel> Channels,
    IReadOnlyList<ComponentSpec> Components,
    ProcessingTime ProcessingTime,
    IReadOnlyList<Fee> Fees,
    string? Requirements,
    IReadOnlyList<string> LegalBasis,
    string Result,
    OnlineLevel OnlineLevel,
    bool ReceivableAnywhere = false);

/// <summary>Quyết định công bố: the decision that announces, amends, replaces, suspends or repeals procedures.</summary>
public sealed record AnnouncingDecision(string Number, DateOnly SignedOn, string Issuer, DateOnly EffectiveFrom);
