using System.Net;
using System.Text.Json;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Host.Tests;

public sealed class HealthTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task live_answers_while_the_process_runs()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ready_reports_the_database_reachable_and_migrations_applied()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task an_unknown_path_gets_a_404_with_the_correlation_id_header()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/no-such-page");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.Contains("X-Correlation-Id").ShouldBeTrue();
    }
}
