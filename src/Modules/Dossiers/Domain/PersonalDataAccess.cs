using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Dossiers.Domain;

/// <summary>
/// Who sees an applicant's personal data in full: the officials who serve them (desk officer, specialist, leader),
/// administrators and integrating systems, and each of their reads is recorded (table personal_data_reads). Everybody
/// else (auditors) gets it masked: "N***** T** L**", "001******345".
/// </summary>
public sealed class PersonalDataAccess(RequestContext context, NpgsqlDataSource dataSource, TimeProvider clock)
{
    private static readonly HashSet<string> PersonalFields = ["fullName", "identityNumber", "phone", "email", "address", "recipient"];

    private string? granted;

    public bool InFull =>
        granted is not null || context.IsSystem || context.HasRole(Roles.DeskOfficer) || context.HasRole(Roles.Specialist) || context.HasRole(Roles.Leader);

    /// <summary>
    /// For the rest of the request the data is needed in full for <paramref name="purpose"/> whoever asks (an archive
    /// package keeps the record as it is); every read is recorded under that purpose.
    /// </summary>
    public void GrantInFull(string purpose) => granted = purpose;

    /// <summary>The applicant as this caller may see them; a read in full is recorded.</summary>
    public async Task<Applicant> ShowAsync(Applicant applicant, string subject, string purpose, CancellationToken cancellationToken)
    {
        if (!InFull)
        {
            return Masked(applicant);
        }

        await RecordAsync(subject, purpose, cancellationToken);
        return applicant;
    }

    /// <summary>Records a read in full of <paramref name="subject"/> (a dossier code, or a list's description).</summary>
    public async Task RecordAsync(string subject, string purpose, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "insert into personal_data_reads (read_at, actor, unit, subject, purpose, correlation_id) values ($1, $2, $3, $4, $5, $6)");
        purpose = granted ?? purpose;
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = context.Actor ?? "anonymous" });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)context.Unit ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        command.Parameters.Add(new NpgsqlParameter { Value = purpose });
        command.Parameters.Add(new NpgsqlParameter { Value = context.CorrelationId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static Applicant Masked(Applicant applicant) => applicant with
    {
        FullName = MaskName(applicant.FullName),
        IdentityNumber = PersonalData.Mask(applicant.IdentityNumber),
        Phone = PersonalData.Mask(applicant.Phone, 0, 3),
        Email = applicant.Email is null ? null : MaskName(applicant.Email),
        Address = applicant.Address is null ? null : "***",
    };

    /// <summary>An event's data with every personal field masked, wherever it sits (the applicant, a result's recipient).</summary>
    public static JsonElement Masked(JsonElement data)
    {
        var node = JsonNode.Parse(data.GetRawText());
        MaskNode(node);
        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>Keeps each word's first letter: "Nguyễn Thị Lan" becomes "N***** T** L**".</summary>
    public static string MaskName(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word[..1] + new string('*', word.Length - 1)));

    private static void MaskNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (PersonalFields.Contains(name) && value is JsonValue text && text.TryGetValue<string>(out var s))
                    {
                        obj[name] = name switch
                        {
                            "identityNumber" => PersonalData.Mask(s),
                            "phone" => PersonalData.Mask(s, 0, 3),
                            "address" => "***",
                            _ => MaskName(s),
                        };
                    }
                    else
                    {
                        MaskNode(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    MaskNode(item);
                }

                break;
        }
    }
}
