using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests;

public sealed class DocumentsModuleTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task the_host_applies_the_documents_migrations()
    {
        using var client = factory.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();

        await using var command = factory.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "select count(*) from schema_migrations where module = 'documents'");
        ((long)(await command.ExecuteScalarAsync())!).ShouldBeGreaterThan(0);
    }
}
