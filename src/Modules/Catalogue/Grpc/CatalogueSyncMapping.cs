using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.Changes;
using Onestop.Catalogue.Features.Procedures;
using Onestop.Catalogue.Features.Search;
using Onestop.Errors;
using Proto = Onestop.Contracts.Catalogue.V1;

namespace Onestop.Catalogue.Grpc;

/// <summary>
/// Domain to contract. The contract's enums list the domain's values in the same order after UNSPECIFIED (0), so a
/// domain value maps to itself plus one; a test holds the names of both in step.
/// </summary>
internal static class CatalogueSyncMapping
{
    public const string DateFormat = "yyyy-MM-dd";

    public static TProto ToProto<TProto>(this System.Enum value)
        where TProto : struct, System.Enum =>
        (TProto)System.Enum.ToObject(typeof(TProto), Convert.ToInt32(value, CultureInfo.InvariantCulture) + 1);

    public static TDomain? ToDomain<TDomain>(this System.Enum value)
        where TDomain : struct, System.Enum =>
        Convert.ToInt32(value, CultureInfo.InvariantCulture) is > 0 and var number && System.Enum.IsDefined(typeof(TDomain), number - 1)
            ? (TDomain)System.Enum.ToObject(typeof(TDomain), number - 1)
            : null;

    public static string ToProto(this DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string value, string field) =>
        value.Length == 0 ? null
        : DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw AppException.Validation(field, $"Ngày '{value}' không hợp lệ: dùng dạng năm-tháng-ngày, ví dụ 2025-03-01.", "invalid_date");

    public static Proto.Procedure ToProto(this ProcedureView view, string permalink)
    {
        var procedure = new Proto.Procedure
        {
            Code = view.Code,
            Version = view.Version,
            Status = view.Status.ToProto<Proto.ProcedureStatus>(),
            Content = view.Content.ToProto(),
            Decision = view.Decision.ToProto(),
            AsOf = view.AsOf.ToProto(),
            ReplacementCode = view.ReplacementCode ?? "",
            Permalink = permalink,
        };
        procedure.Versions.AddRange(view.Versions.Select(v => new Proto.VersionSummary { Version = v.Version, Decision = v.Decision.ToProto() }));
        return procedure;
    }

    public static Proto.AnnouncingDecision ToProto(this AnnouncingDecision decision) => new()
    {
        Number = decision.Number,
        SignedOn = decision.SignedOn.ToProto(),
        Issuer = decision.Issuer,
        EffectiveFrom = decision.EffectiveFrom.ToProto(),
    };

    public static Proto.ProcedureContent ToProto(this ProcedureContent content)
    {
        var proto = new Proto.ProcedureContent
        {
            Name = content.Name,
            FieldCode = content.FieldCode,
            Level = content.Level.ToProto<Proto.ImplementingLevel>(),
            Agency = content.Agency,
            ProcessingTime = new Proto.ProcessingTime
            {
                WorkingDays = content.ProcessingTime.WorkingDays,
                SameDay = content.ProcessingTime.SameDay,
                CutOffHour = content.ProcessingTime.CutOffHour,
            },
            Requirements = content.Requirements ?? "",
            Result = content.Result,
            OnlineLevel = content.OnlineLevel.ToProto<Proto.OnlineLevel>(),
            ReceivableAnywhere = content.ReceivableAnywhere,
        };
        proto.Steps.AddRange(content.Steps);
        proto.Channels.AddRange(content.Channels.Select(c => c.ToProto<Proto.Channel>()));
        proto.Components.AddRange(content.Components.Select(c => new Proto.Component
        {
            Code = c.Code,
            Name = c.Name,
            Originals = c.Originals,
            Copies = c.Copies,
            Required = c.Required,
            Condition = c.Condition ?? "",
            FormName = c.FormName ?? "",
            FormUrl = c.FormUrl ?? "",
        }));
        proto.Fees.AddRange(content.Fees.Select(f => new Proto.Fee
        {
            Name = f.Name,
            AmountVnd = (long)decimal.Round(f.Amount, MidpointRounding.AwayFromZero),
            Exemption = f.Exemption ?? "",
        }));
        proto.LegalBasis.AddRange(content.LegalBasis);
        return proto;
    }

    public static Proto.ProcedureSummary ToProto(this ProcedureSummary summary) => new()
    {
        Code = summary.Code,
        Name = summary.Name,
        FieldCode = summary.FieldCode,
        Level = summary.Level.ToProto<Proto.ImplementingLevel>(),
        OnlineLevel = summary.OnlineLevel.ToProto<Proto.OnlineLevel>(),
        Status = summary.Status.ToProto<Proto.ProcedureStatus>(),
        LatestVersion = summary.LatestVersion,
    };

    public static Proto.SearchHit ToProto(this SearchHit hit) => new()
    {
        Code = hit.Code,
        Name = hit.Name,
        FieldCode = hit.FieldCode,
        OnlineLevel = hit.OnlineLevel.ToProto<Proto.OnlineLevel>(),
        // SearchMatch already numbers its values as the contract does (1 to 6).
        Match = (Proto.SearchMatch)(int)hit.Match,
        Similarity = hit.Similarity ?? 0,
    };

    public static Proto.CatalogueChange ToProto(this CatalogueChange change)
    {
        var proto = new Proto.CatalogueChange { Cursor = change.Cursor.ToString(), CommittedAt = Timestamp.FromDateTimeOffset(change.CommittedAt) };
        switch (change.Event)
        {
            case ProcedurePublished published:
                proto.ProcedureVersionPublished = Version(published.Code, 1, published.Content, published.Decision);
                break;
            case ProcedureAmended amended:
                proto.ProcedureVersionPublished = Version(amended.Code, amended.Version, amended.Content, amended.Decision);
                break;
            case ProcedureReplaced replaced:
                proto.ProcedureStatusChanged = Status(replaced.Code, ProcedureStatus.Replaced, replaced.Decision, replacement: replaced.ReplacementCode);
                break;
            case ProcedureSuspended suspended:
                proto.ProcedureStatusChanged = Status(suspended.Code, ProcedureStatus.Suspended, suspended.Decision, reason: suspended.Reason);
                break;
            case ProcedureReinstated reinstated:
                proto.ProcedureStatusChanged = Status(reinstated.Code, ProcedureStatus.InForce, reinstated.Decision);
                break;
            case ProcedureRepealed repealed:
                proto.ProcedureStatusChanged = Status(repealed.Code, ProcedureStatus.Repealed, repealed.Decision);
                break;
            case FieldDefined field:
                proto.FieldDefined = new Proto.FieldDefined { Code = field.Code, Name = field.Name, Slug = field.Slug, Order = field.Order };
                break;
            case UnitRegistered unit:
                proto.UnitRegistered = new Proto.UnitRegistered
                {
                    Code = unit.Code,
                    Name = unit.Name,
                    Kind = unit.Kind.ToProto<Proto.UnitKind>(),
                    ParentCode = unit.ParentCode ?? "",
                    Address = unit.Address ?? "",
                };
                break;
            case UnitProceduresAssigned assigned:
                proto.UnitProceduresAssigned = new Proto.UnitProceduresAssigned { UnitCode = assigned.Code, ProcedureCodes = { assigned.ProcedureCodes } };
                break;
            default:
                throw new InvalidOperationException($"The catalogue change feed holds an event it cannot map: {change.Event.GetType().Name}.");
        }

        return proto;
    }

    private static Proto.ProcedureVersionPublished Version(string code, int version, ProcedureContent content, AnnouncingDecision decision) =>
        new() { Code = code, Version = version, Content = content.ToProto(), Decision = decision.ToProto() };

    private static Proto.ProcedureStatusChanged Status(
        string code, ProcedureStatus status, AnnouncingDecision decision, string? replacement = null, string? reason = null) =>
        new() { Code = code, Status = status.ToProto<Proto.ProcedureStatus>(), Decision = decision.ToProto(), ReplacementCode = replacement ?? "", Reason = reason ?? "" };
}
