using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Dossiers.Tests.Features;

/// <summary>gRPC DossierAudit as an inspection system on the C-core (python3-grpcio) uses it, against the real host on its ports.</summary>
public sealed class AuditGrpcTests(PlatformServer server) : IClassFixture<PlatformServer>, IAsyncLifetime
{
    private readonly HttpClient admin = server.CreateRestClient();

    public Task InitializeAsync() => RegisterCatalogueAsync(admin);

    public Task DisposeAsync()
    {
        admin.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task an_inspection_system_reads_verifies_and_exports_a_history_and_sees_a_past_state()
    {
        var (_, code, afterAssignment) = await LiveAsync();

        await PassesAsync("audit", "--code", code, "--events", "5", "--at", afterAssignment.ToString("O", CultureInfo.InvariantCulture), "--at_version", "2");
    }

    [Fact]
    public async Task an_event_changed_by_sql_is_named_by_version_over_grpc_and_by_the_offline_tool()
    {
        var (id, code, _) = await LiveAsync();
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand(
                "update es_events set data = jsonb_set(data, '{amount}', '1') where stream_id = $1 and version = 4", connection);
            update.Parameters.Add(new NpgsqlParameter { Value = $"dossier-{id}" });
            (await update.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        await PassesAsync("tampered", "--code", code, "--broken_version", "4");
    }

    /// <summary>Receive, assign to another agency, then (after a noted instant) a fee requested and paid: five events.</summary>
    private async Task<(Guid Id, string Code, DateTimeOffset AfterAssignment)> LiveAsync()
    {
        using var desk = TestOfficial.DeskOfficer(Desk).ApplyTo(new HttpClient { BaseAddress = server.RestAddress });
        using var specialist = new TestOfficial("hoa.pt", Agency, Roles.Specialist).ApplyTo(new HttpClient { BaseAddress = server.RestAddress });
        var received = await PostAsync("/api/dossiers", Intake(), desk);
        var id = received.GetProperty("id").GetGuid();
        await PostAsync($"/api/dossiers/{id}/assignments", new { stepName = "Thẩm định hồ sơ", unit = Agency, assignee = "hoa.pt", workingDays = 3 }, desk);
        await Task.Delay(5);
        var afterAssignment = DateTimeOffset.UtcNow;
        await Task.Delay(5);
        await PostAsync($"/api/dossiers/{id}/financial-obligations", new { description = "Lệ phí", amount = 10_000 }, specialist);
        await PostAsync($"/api/dossiers/{id}/payments", new { description = "Lệ phí", amount = 10_000, method = "Tiền mặt", receiptNumber = "BL-1" }, desk);
        return (id, received.GetProperty("code").GetString()!, afterAssignment);
    }

    private async Task PassesAsync(string caseName, params string[] arguments)
    {
        var (exitCode, output) = await server.RunPythonAsync("dossier_audit_client.py", ["--case", caseName, .. arguments]);
        exitCode.ShouldBe(0, output);
        output.ShouldContain($"{caseName}: passed");
    }

    /// <summary>Posts as the given client (the administrator by default); a duplicate catalogue entry (409) is fine.</summary>
    private async Task<JsonElement> PostAsync(string path, object body, HttpClient? client = null)
    {
        using var response = await (client ?? admin).PostAsJsonAsync(path, body, Json);
        var text = await response.Content.ReadAsStringAsync();
        (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict).ShouldBeTrue(text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
