using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Statistics.Tests;

/// <summary>The REST calls the statistics tests make: a report that must answer 200, and a portal's online submission.</summary>
internal static class StatisticsRequests
{
    public static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A marriage-status dossier submitted online to the unit, left "submitted online"; returns its id.</summary>
    public static async Task<Guid> SubmitOnlineAsync(string unit, HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/dossiers/online", new
        {
            portalReference = "DVC-" + Guid.NewGuid().ToString("N")[..10], unitCode = unit, procedureCode = Marriage, applicant = Applicant(),
            components = new[] { new { code = "TK" } },
        }, Json);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
