using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Onestop.TestSupport;

/// <summary>
/// The real host on its own fresh database of the test run's PostgreSQL. The sample catalogue is not loaded: a test
/// that wants it sets <c>Catalogue:LoadSampleOnEmpty</c> itself.
/// </summary>
public sealed class PlatformFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string connectionString = "";

    public async Task InitializeAsync() => connectionString = await TestPostgres.CreateDatabaseAsync("host");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Platform", connectionString);
        builder.UseSetting("Catalogue:LoadSampleOnEmpty", "false");
        builder.UseSetting("Auth:TrustedHeaders", "true");
    }

    /// <summary>Clients act as <see cref="TestOfficial.Administrator"/> unless a request sends other identity headers.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        TestOfficial.Administrator.ApplyTo(client);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
