using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Onestop.TestSupport;

namespace Onestop.Catalogue.Tests.Features;

/// <summary>A host on its own fresh database, the sample catalogue file, and event counts for import tests.</summary>
internal sealed class ImportHost : IAsyncDisposable
{
    private ImportHost(PlatformFactory factory)
    {
        Factory = factory;
        Host = factory.WithWebHostBuilder(b => b.UseSetting("Catalogue:LoadSampleOnEmpty", "false"));
        Client = Host.CreateClient();
    }

    /// <summary>The database's factory, for hosts configured otherwise (e.g. loading the sample at start).</summary>
    public PlatformFactory Factory { get; }

    /// <summary>A host that never loads the sample by itself, so each test starts from an empty catalogue.</summary>
    public WebApplicationFactory<Program> Host { get; }

    public HttpClient Client { get; }

    public static async Task<ImportHost> StartAsync()
    {
        var factory = new PlatformFactory();
        await factory.InitializeAsync();
        return new ImportHost(factory);
    }

    public static JsonObject Sample() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "catalogue.json")))!.AsObject();

    public Task<HttpResponseMessage> ImportAsync(JsonNode file) =>
        Client.PostAsync("/api/catalogue/import", JsonContent.Create(file));

    public async Task<JsonElement> ImportOkAsync(JsonNode file)
    {
        using var response = await ImportAsync(file);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Import failed with {response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public Task<string> ExportAsync() => Client.GetStringAsync("/api/catalogue/export.json");

    public async Task<(long Events, long Streams)> CountAsync()
    {
        await using var db = await Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await db.QuerySingleAsync<(long, long)>("select (select count(*) from es_events), (select count(*) from es_streams)");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Factory.DisposeAsync();
    }
}
