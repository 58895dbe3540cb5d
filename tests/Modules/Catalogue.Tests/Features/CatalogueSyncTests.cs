using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.Changes;
using Onestop.Catalogue.Features.Procedures;
using Onestop.Catalogue.Projections;
using Onestop.EventStore;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.Catalogue.Tests.SampleProcedures;

namespace Onestop.Catalogue.Tests.Features;

/// <summary>gRPC CatalogueSync as a portal on the C-core (python3-grpcio) uses it, against the real host on its ports.</summary>
public sealed class CatalogueSyncTests(PlatformServer server) : IClassFixture<PlatformServer>, IAsyncLifetime
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = EventTypeRegistry.SerializerOptions;
    private readonly HttpClient client = server.CreateRestClient();
    private readonly List<string> codes = [];
    private string amendedCode = "";

    public async Task InitializeAsync()
    {
        using var field = await client.PostAsJsonAsync("/api/catalogue/fields", new { code = "GRPC", name = "Lĩnh vực thử đồng bộ", order = 1 });
        if (field.StatusCode != HttpStatusCode.Conflict)
        {
            field.EnsureSuccessStatusCode();
        }

        // The class's tests share one host: the first publishes three procedures in the field and amends one.
        var existing = await client.GetFromJsonAsync<Paged<ProcedureSummary>>("/api/catalogue/procedures?field=GRPC", Json);
        if (existing!.Items.Count == 0)
        {
            await PublishThreeAsync();
            existing = await client.GetFromJsonAsync<Paged<ProcedureSummary>>("/api/catalogue/procedures?field=GRPC", Json);
        }

        codes.AddRange(existing!.Items.Select(p => p.Code));
        amendedCode = existing.Items.Single(p => p.LatestVersion == 2).Code;
    }

    public Task DisposeAsync()
    {
        client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task a_portal_gets_a_procedure_as_of_a_date_and_bad_requests_get_their_status() =>
        await PassesAsync("get_procedure", "--code", amendedCode);

    [Fact]
    public async Task a_portal_lists_by_field_a_page_at_a_time_and_searches_without_accents() =>
        await PassesAsync("list_and_search", ["--codes", .. codes]);

    [Fact]
    public async Task a_portal_resuming_the_change_stream_from_its_cursor_misses_and_repeats_nothing_then_gets_live_changes()
    {
        using (var field = await client.PostAsJsonAsync("/api/catalogue/fields", new { code = "GRPC-LIVE", name = "Lĩnh vực thử thay đổi trực tiếp", order = 2 }))
        {
            field.EnsureSuccessStatusCode();
        }

        var stored = await CountChangesAsync();

        await PassesAsync("watch_resume_and_live",
            "--expect", stored.ToString(System.Globalization.CultureInfo.InvariantCulture), "--live_code", NewCode(), "--live_field", "GRPC-LIVE");

        (await CountChangesAsync()).ShouldBe(stored + 1);
    }

    [Fact]
    public async Task a_change_whose_transaction_commits_late_is_read_after_the_cursor_never_skipped()
    {
        var feed = server.Services.GetRequiredService<CatalogueChangeFeed>();
        var store = server.Services.GetRequiredService<EventStore.EventStore>();
        var database = server.Services.GetRequiredService<NpgsqlDataSource>();
        await LogHorizon.PassAsync(database);
        var start = (await feed.ReadAsync(GlobalCheckpoint.Start, 10_000, default)).Last().Cursor;
        var slow = "SLOW" + Random.Shared.Next(100000, 999999);
        var fast = "FAST" + Random.Shared.Next(100000, 999999);

        await using (var late = store.OpenSession())
        {
            await late.AppendAsync(CatalogueStreams.FieldId(slow), CatalogueStreams.Field, ExpectedVersion.NoStream,
                [new FieldDefined(slow, "Lĩnh vực ghi chậm", slow.ToLowerInvariant(), 90)]);
            using (var response = await client.PostAsJsonAsync("/api/catalogue/fields", new { code = fast, name = "Lĩnh vực ghi nhanh", order = 91 }))
            {
                response.EnsureSuccessStatusCode();
            }

            // The fast change committed, but the slow one may still commit before it in the log: neither is read yet.
            (await feed.ReadAsync(start, 100, default)).ShouldBeEmpty();
            await late.CommitAsync();
        }

        await LogHorizon.PassAsync(database);

        var read = await feed.ReadAsync(start, 100, default);
        read.Select(c => ((FieldDefined)c.Event).Code).ShouldBe([slow, fast]);
        (await feed.ReadAsync(read[^1].Cursor, 100, default)).ShouldBeEmpty();
    }

    private async Task PassesAsync(string caseName, params string[] arguments)
    {
        var (exitCode, output) = await server.RunPythonAsync("catalogue_sync_client.py", ["--case", caseName, .. arguments]);
        exitCode.ShouldBe(0, output);
        output.ShouldContain($"{caseName}: passed");
    }

    private async Task<long> CountChangesAsync()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from catalogue_changes", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task PublishThreeAsync()
    {
        var published = new[] { NewCode(), NewCode(), NewCode() };
        foreach (var code in published)
        {
            using var response = await client.PostAsJsonAsync("/api/catalogue/procedures",
                new { code, content = BirthRegistration("GRPC"), decision = Decision("100/QĐ-UBND", 2025, 3, 1) }, Json);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        using var amended = await client.PostAsJsonAsync($"/api/catalogue/procedures/{published[0]}/amendments",
            new { value = BirthRegistration("GRPC") with { ProcessingTime = new ProcessingTime(3) }, decision = Decision("200/QĐ-UBND", 2025, 7, 1) }, Json);
        amended.StatusCode.ShouldBe(HttpStatusCode.OK, await amended.Content.ReadAsStringAsync());
    }

    private static string NewCode() => "8." + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
