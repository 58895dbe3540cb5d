namespace Onestop.Dossiers.Domain;

/// <summary>Masks personal data where a role does not need it in full (queues, lists): "001******345".</summary>
public static class PersonalData
{
    public static string? Mask(string? value, int keepStart = 3, int keepEnd = 3) =>
        value is null ? null
        : value.Length <= keepStart + keepEnd ? new string('*', value.Length)
        : value[..keepStart] + new string('*', value.Length - keepStart - keepEnd) + value[^keepEnd..];
}
