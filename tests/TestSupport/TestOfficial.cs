using Onestop.Messaging.Authorization;
using Onestop.Messaging.Http;

namespace Onestop.TestSupport;

/// <summary>An official as the test host's trusted-headers authentication sees them.</summary>
public sealed record TestOfficial(string Login, string Unit, params string[] Roles)
{
    public const string DefaultUnit = "000.00.00.H00";

    public static TestOfficial Administrator { get; } = new("test-admin", DefaultUnit, Messaging.Authorization.Roles.Administrator);

    public static TestOfficial DeskOfficer(string unit = DefaultUnit) => new("desk-" + unit, unit, Messaging.Authorization.Roles.DeskOfficer);

    /// <summary>Replaces the client's identity headers with this official's.</summary>
    public HttpClient ApplyTo(HttpClient client)
    {
        Clear(client);
        client.DefaultRequestHeaders.Add(PlatformAuthentication.UserHeader, Login);
        client.DefaultRequestHeaders.Add(PlatformAuthentication.UnitHeader, Unit);
        client.DefaultRequestHeaders.Add(PlatformAuthentication.RolesHeader, string.Join(',', Roles));
        return client;
    }

    /// <summary>Makes the client anonymous, like a citizen.</summary>
    public static HttpClient Clear(HttpClient client)
    {
        client.DefaultRequestHeaders.Remove(PlatformAuthentication.UserHeader);
        client.DefaultRequestHeaders.Remove(PlatformAuthentication.UnitHeader);
        client.DefaultRequestHeaders.Remove(PlatformAuthentication.RolesHeader);
        return client;
    }
}
