using System.Security.Cryptography;
using System.Text;
using Dapper;
using MediatR;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.FieldsAndUnits;
using Onestop.Catalogue.Features.Procedures;
using Onestop.Dossiers.Domain;
using Onestop.Errors;
using Onestop.EventStore;

namespace Onestop.Dossiers.Features.Intake;

/// <summary>A component ticked as received: its code in the procedure's checklist, and how many originals and copies.</summary>
public sealed record ComponentReceipt(string Code, int Originals = 1, int Copies = 0);

/// <summary>The result of an intake. <c>LookupSecret</c> is shown once, to print on the receipt; only its hash is kept.</summary>
public sealed record DossierIntake(
    Guid Id, string Code, long Version, DossierStatus Status, string StatusText, DateTimeOffset? DueAt, IReadOnlyList<string> DueExplanation,
    string LookupSecret);

/// <summary>What intake checks against the catalogue: the version in force, its channels and checklist, the applicant's area.</summary>
internal sealed class IntakeChecks(IMediator mediator)
{
    public async Task<ProcedureView> ProcedureInForceAsync(string code, DateOnly today, CancellationToken cancellationToken)
    {
        ProcedureView procedure;
        try
        {
            procedure = await mediator.Send(new GetProcedure(code, today), cancellationToken);
        }
        catch (AppException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw AppException.Validation("procedureCode", e.Message);
        }

        return procedure.Status switch
        {
            ProcedureStatus.InForce => procedure,
            ProcedureStatus.Suspended => throw AppException.Validation("procedureCode", $"Thủ tục {code} đang bị tạm dừng áp dụng, không tiếp nhận hồ sơ."),
            ProcedureStatus.Replaced => throw AppException.Validation("procedureCode",
                $"Thủ tục {code} đã được thay thế bởi thủ tục {procedure.ReplacementCode}; hãy tiếp nhận theo thủ tục mới."),
            ProcedureStatus.Repealed => throw AppException.Validation("procedureCode", $"Thủ tục {code} đã bị bãi bỏ, không tiếp nhận hồ sơ."),
            _ => throw AppException.Validation("procedureCode", $"Thủ tục {code} chưa có hiệu lực."),
        };
    }

    /// <summary>Every failure at once: the channel, unknown components, missing required ones, an applicant outside the unit's area.</summary>
    public async Task<IReadOnlyList<ReceivedComponent>> CheckAsync(
        ProcedureView procedure, Channel channel, string unit, Applicant applicant, IReadOnlyList<ComponentReceipt> receipts, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (!procedure.Content.Channels.Contains(channel))
        {
            errors.Add(new FieldError("channel", $"Thủ tục {procedure.Code} không tiếp nhận hồ sơ {ChannelName(channel)}."));
        }

        var specs = procedure.Content.Components.ToDictionary(c => c.Code);
        var received = new List<ReceivedComponent>();
        for (var i = 0; i < receipts.Count; i++)
        {
            if (specs.TryGetValue(receipts[i].Code, out var spec))
            {
                received.Add(new ReceivedComponent(spec.Code, spec.Name, receipts[i].Originals, receipts[i].Copies));
            }
            else
            {
                errors.Add(new FieldError($"components[{i}].code",
                    $"Thủ tục {procedure.Code} không có thành phần hồ sơ mã {receipts[i].Code}."));
            }
        }

        errors.AddRange(procedure.Content.Components
            .Where(c => c.Required && c.Condition is null && receipts.All(r => r.Code != c.Code))
            .Select(c => new FieldError("components", $"Thiếu thành phần hồ sơ bắt buộc: {c.Name} ({c.Code}).", "dossier.missing_component")));
        if (await OutsideAreaAsync(procedure, unit, applicant, cancellationToken))
        {
            errors.Add(new FieldError("applicant.areaCode",
                $"Thủ tục {procedure.Code} chỉ tiếp nhận hồ sơ của người dân, tổ chức thuộc địa bàn đơn vị {unit}; nơi cư trú {applicant.AreaCode} thuộc địa bàn khác."));
        }

        return errors.Count > 0 ? throw AppException.Validation(errors) : received;
    }

    /// <summary>Unless the procedure is receivable anywhere (Decree 118/2025), the unit must be the applicant's area or above it.</summary>
    private async Task<bool> OutsideAreaAsync(ProcedureView procedure, string unit, Applicant applicant, CancellationToken cancellationToken)
    {
        if (procedure.Content.ReceivableAnywhere || string.IsNullOrEmpty(applicant.AreaCode) || applicant.AreaCode == unit)
        {
            return false;
        }

        var parents = (await mediator.Send(new ListUnits(), cancellationToken)).ToDictionary(u => u.Code, u => u.ParentCode);
        for (var area = parents.GetValueOrDefault(applicant.AreaCode); area is not null; area = parents.GetValueOrDefault(area))
        {
            if (area == unit)
            {
                return false;
            }
        }

        return true;
    }

    private static string ChannelName(Channel channel) => channel switch
    {
        Channel.Direct => "trực tiếp",
        Channel.Online => "trực tuyến",
        _ => "qua bưu chính",
    };

    public static ProcedureRef Pin(ProcedureView procedure) =>
        new(procedure.Code, procedure.Version, procedure.Content.Name, procedure.Content.ProcessingTime, procedure.Content.ReceivableAnywhere,
            procedure.Content.Components);
}

/// <summary>The short secret printed on the receipt for the citizen's status lookup; stored only as a hash.</summary>
public static class LookupSecrets
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, 8));

    public static string Hash(Guid dossierId, string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{dossierId:N}:{secret.Trim().ToUpperInvariant()}")));

    public static bool Matches(Guid dossierId, string? secret, string hash) =>
        !string.IsNullOrWhiteSpace(secret)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(dossierId, secret)), Encoding.ASCII.GetBytes(hash));
}

/// <summary>
/// The daily sequence of a unit, taken in the intake's own transaction: the counter row stays locked until the
/// intake commits, so concurrent intakes queue on it, and a rolled-back intake gives its number back.
/// </summary>
internal sealed class DossierCodeAllocator(EventStoreSession session, DossierCodePattern pattern)
{
    public async Task<string> NextAsync(string unit, DateOnly day, CancellationToken cancellationToken)
    {
        var transaction = await session.GetTransactionAsync(cancellationToken);
        var sequence = await transaction.Connection!.ExecuteScalarAsync<long>(
            """
            insert into dossiers_code_counters (unit, day, last_sequence) values (@unit, @day, 1)
            on conflict (unit, day) do update set last_sequence = dossiers_code_counters.last_sequence + 1
            returning last_sequence
            """,
            new { unit, day }, transaction);
        return pattern.Format(unit, day, sequence);
    }
}
