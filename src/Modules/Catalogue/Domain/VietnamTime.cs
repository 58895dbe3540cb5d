namespace Onestop.Catalogue.Domain;

/// <summary>Dates and hours as Vietnamese offices count them: in Indochina Time (UTC+7), whatever the server's zone.</summary>
public static class VietnamTime
{
    public static TimeZoneInfo Zone { get; } = FindZone();

    public static DateTimeOffset Now(TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock).DateTime);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "Indochina Time", "Indochina Time");
        }
    }
}
