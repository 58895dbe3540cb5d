using System.Net;
using System.Text.Json;
using Npgsql;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Host.Tests;

/// <summary>Readiness follows the database on REST and on grpc.health.v1, as a load balancer probing the real host sees it.</summary>
public sealed class ReadinessTests(PlatformServer server) : IClassFixture<PlatformServer>
{
    [Fact]
    public async Task when_the_database_disappears_ready_turns_503_and_grpc_health_not_serving_while_live_still_answers()
    {
        using var client = new HttpClient { BaseAddress = server.RestAddress };
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await HealthSaysAsync("SERVING");

        await DropHostDatabaseAsync();

        using var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Unhealthy");
        await HealthSaysAsync("NOT_SERVING");
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task HealthSaysAsync(string status)
    {
        var (exitCode, output) = await server.RunPythonAsync("host_health_client.py", "--expect", status, "--service", "onestop.dossiers.v1.DossierSync");
        exitCode.ShouldBe(0, output);
    }

    /// <summary>Drops the host's own database, its connections with it, as a failed-over or lost server would look.</summary>
    private async Task DropHostDatabaseAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(server.ConnectionString).Database!;
        await using var connection = new NpgsqlConnection(await TestPostgres.ServerConnectionStringAsync());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database \"{name}\" with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
