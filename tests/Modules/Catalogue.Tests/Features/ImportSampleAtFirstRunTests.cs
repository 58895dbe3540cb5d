using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Shouldly;
using Xunit;

namespace Onestop.Catalogue.Tests.Features;

public sealed class ImportSampleAtFirstRunTests
{
    [Fact]
    public async Task a_host_starting_on_an_empty_catalogue_loads_the_sample_and_a_restart_appends_nothing()
    {
        await using var host = await ImportHost.StartAsync();
        var (eventsBefore, _) = await host.CountAsync();
        eventsBefore.ShouldBe(0);

        await using (var first = host.Factory.WithWebHostBuilder(b => b.UseSetting("Catalogue:LoadSampleOnEmpty", "true")))
        {
            var fields = JsonDocument.Parse(await first.CreateClient().GetStringAsync("/api/catalogue/fields")).RootElement;
            fields.GetArrayLength().ShouldBe(16);
        }

        var (eventsAfterFirstRun, _) = await host.CountAsync();
        await using (var restarted = host.Factory.WithWebHostBuilder(b => b.UseSetting("Catalogue:LoadSampleOnEmpty", "true")))
        {
            (await restarted.CreateClient().GetAsync("/api/catalogue/fields")).EnsureSuccessStatusCode();
        }

        eventsAfterFirstRun.ShouldBeGreaterThan(60);
        (await host.CountAsync()).Events.ShouldBe(eventsAfterFirstRun);
    }

    [Fact]
    public async Task a_host_with_loading_switched_off_leaves_an_empty_catalogue_empty()
    {
        await using var host = await ImportHost.StartAsync();
        await using var configured = host.Factory.WithWebHostBuilder(b => b.UseSetting("Catalogue:LoadSampleOnEmpty", "false"));

        var fields = JsonDocument.Parse(await configured.CreateClient().GetStringAsync("/api/catalogue/fields")).RootElement;

        fields.GetArrayLength().ShouldBe(0);
    }
}
