using System.Globalization;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Queries;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Dossiers.Features.Forms;

/// <summary>A line of the tracking book; the identity number is masked (the read model's column is), as in every list.</summary>
public sealed record TrackingBookEntry(
    string Code, string ApplicantName, string? ApplicantIdentity, string ProcedureCode, string ProcedureName, string ChannelText,
    string HandlingUnit, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset? ReturnedAt, string StatusText);

public sealed record TrackingBookView(string Unit, DateOnly From, DateOnly To, IReadOnlyList<TrackingBookEntry> Entries);

/// <summary>
/// Mẫu 07, the tracking book (sổ theo dõi hồ sơ): every dossier a unit received between two dates (Vietnam time,
/// both included), in order of receipt. The unit is the caller's unless an auditor (or administrator) asks.
/// </summary>
[AllowedRoles(Roles.DeskOfficer, Roles.Leader, Roles.Auditor)]
public sealed record GetTrackingBook(string? Unit, DateOnly From, DateOnly To) : IQuery<TrackingBookView>
{
    public const int MaxDays = 366;

    /// <summary>Reads "yyyy-MM-dd" query parameters; every malformed or missing one is a field error, all at once.</summary>
    public static GetTrackingBook Parse(string? unit, string? from, string? to)
    {
        var errors = new List<FieldError>();
        var start = Day(from, "from", errors);
        var end = Day(to, "to", errors);
        return errors.Count > 0 ? throw AppException.Validation(errors) : new GetTrackingBook(unit, start, end);
    }

    private static DateOnly Day(string? value, string field, List<FieldError> errors)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(new FieldError(field, $"Ngày '{value}' không hợp lệ; ghi theo dạng năm-tháng-ngày, ví dụ 2026-03-02."));
        return default;
    }
}

internal sealed class GetTrackingBookValidator : AbstractValidator<GetTrackingBook>
{
    public GetTrackingBookValidator()
    {
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).WithMessage("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.");
        RuleFor(q => q.To).Must((q, to) => to.DayNumber - q.From.DayNumber < GetTrackingBook.MaxDays).When(q => q.To >= q.From)
            .WithMessage($"Sổ theo dõi in tối đa {GetTrackingBook.MaxDays} ngày một lần.");
    }
}

internal sealed class GetTrackingBookHandler(NpgsqlDataSource dataSource, RequestContext context, PersonalDataAccess privacy)
    : IRequestHandler<GetTrackingBook, TrackingBookView>
{
    public async Task<TrackingBookView> Handle(GetTrackingBook query, CancellationToken cancellationToken)
    {
        var unit = query.Unit ?? context.Unit ?? throw AppException.Validation("unit", "Phải chọn đơn vị của sổ theo dõi hồ sơ.");
        if (!context.IsSystem && !context.HasRole(Roles.Auditor) && unit != context.Unit)
        {
            throw AppException.Forbidden("dossier.other_unit", $"Cán bộ của đơn vị {context.Unit ?? "(chưa xác định)"} không xem được sổ theo dõi hồ sơ của đơn vị {unit}.");
        }

        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await db.QueryAsync<Row>(
            """
            select code, applicant_name as applicantname, applicant_identity as applicantidentity, procedure_code as procedurecode,
                procedure_name as procedurename, channel, handling_unit as handlingunit, received_at as receivedat, due_at as dueat,
                case when status = 'Returned' then closed_at end as returnedat, status
            from dossiers
            where receiving_unit = @unit and received_at >= @start and received_at < @end
            order by received_at, code
            """,
            new { unit, start = StartOf(query.From), end = StartOf(query.To.AddDays(1)) });
        var entries = rows.Select(r => r.ToEntry()).ToList();
        if (!privacy.InFull)
        {
            entries = entries.Select(e => e with { ApplicantName = PersonalDataAccess.MaskName(e.ApplicantName) }).ToList();
        }
        else if (entries.Count > 0)
        {
            await privacy.RecordAsync($"sổ theo dõi hồ sơ {unit} từ {query.From:dd/MM/yyyy} đến {query.To:dd/MM/yyyy}", "dossier.tracking_book", cancellationToken);
        }

        return new TrackingBookView(unit, query.From, query.To, entries);
    }

    private static DateTime StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return DateTime.SpecifyKind(midnight - VietnamTime.Zone.GetUtcOffset(midnight), DateTimeKind.Utc);
    }

    private sealed record Row(
        string Code, string ApplicantName, string? ApplicantIdentity, string ProcedureCode, string ProcedureName, string Channel, string HandlingUnit,
        DateTime ReceivedAt, DateTime? DueAt, DateTime? ReturnedAt, string Status)
    {
        public TrackingBookEntry ToEntry() => new(Code, ApplicantName, ApplicantIdentity, ProcedureCode, ProcedureName,
            DossierTexts.Channel(Enum.Parse<IntakeChannel>(Channel)), HandlingUnit, DossierRows.Local(ReceivedAt), L(DueAt), L(ReturnedAt),
            DossierTexts.Status(Enum.Parse<DossierStatus>(Status)));

        private static DateTimeOffset? L(DateTime? utc) => utc is { } value ? DossierRows.Local(value) : null;
    }
}
