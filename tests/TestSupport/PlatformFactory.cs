using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Onestop.TestSupport;

/// <summary>The real host on its own fresh database of the test run's PostgreSQL.</summary>
public sealed class PlatformFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string connectionString = "";

    public async Task InitializeAsync() => connectionString = await TestPostgres.CreateDatabaseAsync("host");

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:Platform", connectionString);

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
