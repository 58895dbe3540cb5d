using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Dossiers.Tests.Features;

/// <summary>gRPC DossierSync as a public-service portal on the C-core (python3-grpcio) uses it, against the real host on its ports.</summary>
public sealed class DossierSyncTests(PlatformServer server) : IClassFixture<PlatformServer>, IAsyncLifetime
{
    private readonly HttpClient admin = server.CreateRestClient();

    public Task InitializeAsync() => RegisterCatalogueAsync(admin);

    public Task DisposeAsync()
    {
        admin.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task a_portal_submits_retries_pays_reads_and_mirrors_every_status_change_resuming_after_a_disconnect()
    {
        var (exitCode, output) = await server.RunPythonAsync(
            "dossier_sync_client.py", "--case", "portal_life", "--desk", Desk, "--other_unit", Commune, "--procedure", Marriage);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("portal_life: passed");
    }
}
