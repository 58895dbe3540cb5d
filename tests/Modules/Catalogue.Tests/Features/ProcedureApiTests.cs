using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onestop.Catalogue.Domain;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.Catalogue.Tests.SampleProcedures;

namespace Onestop.Catalogue.Tests.Features;

public sealed class ProcedureApiTests(PlatformFactory factory) : IClassFixture<PlatformFactory>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = Onestop.EventStore.EventTypeRegistry.SerializerOptions;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        client = factory.CreateClient();
        (await client.PostAsJsonAsync("/api/catalogue/fields", new { code = "TP-HT", name = "Tư pháp - Hộ tịch", order = 1 })).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_published_and_amended_procedure_is_read_as_of_any_date_and_diffed()
    {
        var code = NewCode();
        await PublishAsync(code, BirthRegistration(), Decision("100/QĐ-UBND", 2025, 3, 1));
        var amended = await client.PostAsJsonAsync($"/api/catalogue/procedures/{code}/amendments",
            new { value = BirthRegistration() with { ProcessingTime = new ProcessingTime(3) }, decision = Decision("200/QĐ-UBND", 2025, 7, 1) }, Json);
        amended.StatusCode.ShouldBe(HttpStatusCode.OK);

        var before = await GetAsync($"/api/catalogue/procedures/{code}?asOf=2025-06-30");
        var after = await GetAsync($"/api/catalogue/procedures/{code}?asOf=2025-07-01");
        var diff = await GetAsync($"/api/catalogue/procedures/{code}/diff?from=1&to=2");

        before.GetProperty("version").GetInt32().ShouldBe(1);
        before.GetProperty("content").GetProperty("processingTime").GetProperty("sameDay").GetBoolean().ShouldBeTrue();
        after.GetProperty("version").GetInt32().ShouldBe(2);
        after.GetProperty("versions").GetArrayLength().ShouldBe(2);
        diff.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString())
            .ShouldBe(["processingTime.workingDays", "processingTime.sameDay"], ignoreOrder: true);
    }

    [Fact]
    public async Task a_date_before_the_first_version_is_not_found_with_the_date_it_takes_effect()
    {
        var code = NewCode();
        await PublishAsync(code, BirthRegistration(), Decision("100/QĐ-UBND", 2025, 3, 1));

        using var response = await client.GetAsync($"/api/catalogue/procedures/{code}?asOf=2025-01-01");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("01/03/2025");
    }

    [Fact]
    public async Task an_unknown_field_code_is_a_validation_error_and_nothing_is_published()
    {
        var code = NewCode();

        using var response = await client.PostAsJsonAsync("/api/catalogue/procedures",
            new { code, content = BirthRegistration("NO-SUCH-FIELD"), decision = Decision("1/QĐ", 2025, 1, 2) }, Json);

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "content.fieldCode");
        (await client.GetAsync($"/api/catalogue/procedures/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_duplicate_procedure_code_is_a_conflict_and_the_first_stays()
    {
        var code = NewCode();
        await PublishAsync(code, BirthRegistration(), Decision("100/QĐ-UBND", 2025, 3, 1));

        using var response = await client.PostAsJsonAsync("/api/catalogue/procedures",
            new { code, content = BirthRegistration() with { Name = "Khác" }, decision = Decision("101/QĐ-UBND", 2025, 3, 2) }, Json);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await GetAsync($"/api/catalogue/procedures/{code}?asOf=2025-03-05")).GetProperty("content").GetProperty("name").GetString().ShouldBe("Đăng ký khai sinh");
    }

    [Fact]
    public async Task negative_days_and_a_decision_effective_before_its_signing_are_reported_together()
    {
        var code = NewCode();
        using var response = await client.PostAsJsonAsync("/api/catalogue/procedures", new
        {
            code,
            content = BirthRegistration() with { ProcessingTime = new ProcessingTime(-2) },
            decision = new AnnouncingDecision("5/QĐ", new DateOnly(2025, 5, 10), "UBND tỉnh", new DateOnly(2025, 5, 1)),
        }, Json);

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "content.processingTime.workingDays", "decision.effectiveFrom");
        (await client.GetAsync($"/api/catalogue/procedures/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "nothing was published");
    }

    [Fact]
    public async Task a_procedure_is_suspended_reinstated_replaced_and_each_status_is_read_as_of_its_date()
    {
        var code = NewCode();
        var successor = NewCode();
        await PublishAsync(code, BirthRegistration(), Decision("10/QĐ-UBND", 2025, 1, 2));
        await PublishAsync(successor, BirthRegistration() with { Name = "Đăng ký khai sinh (thủ tục mới)" }, Decision("40/QĐ-UBND", 2025, 9, 1));

        await PostOkAsync($"/api/catalogue/procedures/{code}/suspension", new { reason = "Chờ hướng dẫn mới", decision = Decision("20/QĐ-UBND", 2025, 4, 1) });
        await PostOkAsync($"/api/catalogue/procedures/{code}/reinstatement", new { decision = Decision("30/QĐ-UBND", 2025, 6, 1) });
        await PostOkAsync($"/api/catalogue/procedures/{code}/replacement", new { replacementCode = successor, decision = Decision("40/QĐ-UBND", 2025, 9, 1) });

        (await GetAsync($"/api/catalogue/procedures/{code}?asOf=2025-03-31")).GetProperty("status").GetString().ShouldBe("inForce");
        (await GetAsync($"/api/catalogue/procedures/{code}?asOf=2025-04-01")).GetProperty("status").GetString().ShouldBe("suspended");
        (await GetAsync($"/api/catalogue/procedures/{code}?asOf=2025-06-01")).GetProperty("status").GetString().ShouldBe("inForce");
        var replaced = await GetAsync($"/api/catalogue/procedures/{code}?asOf=2025-09-01");
        replaced.GetProperty("status").GetString().ShouldBe("replaced");
        replaced.GetProperty("replacementCode").GetString().ShouldBe(successor);

        using var afterReplacement = await client.PostAsJsonAsync($"/api/catalogue/procedures/{code}/repeal", new { decision = Decision("50/QĐ-UBND", 2025, 10, 1) }, Json);
        afterReplacement.StatusCode.ShouldBe(HttpStatusCode.Conflict, await afterReplacement.Content.ReadAsStringAsync());
        (await GetAsync($"/api/catalogue/procedures/{code}?asOf=2025-10-02")).GetProperty("status").GetString().ShouldBe("replaced");
    }

    [Fact]
    public async Task a_repealed_procedure_reads_as_repealed_from_its_date_and_a_replacement_by_an_unknown_code_is_refused()
    {
        var code = NewCode();
        await PublishAsync(code, BirthRegistration(), Decision("10/QĐ-UBND", 2025, 1, 2));

        using var unknown = await client.PostAsJsonAsync($"/api/catalogue/procedures/{code}/replacement",
            new { replacementCode = "0.000000", decision = Decision("20/QĐ-UBND", 2025, 3, 1) }, Json);
        await PostOkAsync($"/api/catalogue/procedures/{code}/repeal", new { decision = Decision("30/QĐ-UBND", 2025, 5, 1) });

        ((int)unknown.StatusCode).ShouldBeInRange(400, 409, await unknown.Content.ReadAsStringAsync());
        (await GetAsync($"/api/catalogue/procedures/{code}?asOf=2025-04-30")).GetProperty("status").GetString().ShouldBe("inForce");
        (await GetAsync($"/api/catalogue/procedures/{code}?asOf=2025-05-01")).GetProperty("status").GetString().ShouldBe("repealed");
    }

    [Fact]
    public async Task only_a_catalogue_controller_publishes_an_anonymous_caller_is_unauthenticated_and_a_desk_officer_forbidden()
    {
        var code = NewCode();
        var request = new { code, content = BirthRegistration(), decision = Decision("7/QĐ", 2025, 1, 2) };

        using var anonymous = TestOfficial.Clear(factory.CreateClient());
        using var desk = TestOfficial.DeskOfficer().ApplyTo(factory.CreateClient());
        using var controller = new TestOfficial("kstthc", TestOfficial.DefaultUnit, Onestop.Messaging.Authorization.Roles.CatalogueController).ApplyTo(factory.CreateClient());

        using (var response = await anonymous.PostAsJsonAsync("/api/catalogue/procedures", request, Json))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        using (var response = await desk.PostAsJsonAsync("/api/catalogue/procedures", request, Json))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
        }

        (await anonymous.GetAsync($"/api/catalogue/procedures/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var response = await controller.PostAsJsonAsync("/api/catalogue/procedures", request, Json))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        (await anonymous.GetAsync($"/api/catalogue/procedures/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_missing_processing_time_and_component_list_are_field_errors_not_a_server_error()
    {
        var code = NewCode();
        var content = JsonSerializer.SerializeToNode(BirthRegistration(), Json)!.AsObject();
        content.Remove("processingTime");
        content["components"] = null;

        using var response = await client.PostAsJsonAsync("/api/catalogue/procedures",
            new { code, content, decision = Decision("1/QĐ", 2025, 1, 2) }, Json);

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "content.processingTime", "content.components");
        (await client.GetAsync($"/api/catalogue/procedures/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_amendment_effective_before_the_version_it_amends_is_refused_and_changes_nothing()
    {
        var code = NewCode();
        await PublishAsync(code, BirthRegistration(), Decision("100/QĐ-UBND", 2025, 3, 1));

        using var response = await client.PostAsJsonAsync($"/api/catalogue/procedures/{code}/amendments",
            new { value = BirthRegistration() with { Result = "X" }, decision = Decision("90/QĐ-UBND", 2025, 2, 1) }, Json);

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "decision.effectiveFrom");
        (await GetAsync($"/api/catalogue/procedures/{code}")).GetProperty("versions").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task procedures_are_listed_by_field_and_online_level_a_page_at_a_time()
    {
        await client.PostAsJsonAsync("/api/catalogue/fields", new { code = "LIST", name = "Lĩnh vực thử danh sách" });
        var codes = Enumerable.Range(0, 3).Select(_ => NewCode()).Order().ToList();
        foreach (var code in codes)
        {
            await PublishAsync(code, BirthRegistration("LIST"), Decision("1/QĐ", 2025, 1, 2));
        }

        var page = await GetAsync("/api/catalogue/procedures?field=LIST&online=full&page=2&pageSize=2");

        page.GetProperty("total").GetInt64().ShouldBe(3);
        page.GetProperty("items").EnumerateArray().Single().GetProperty("code").GetString().ShouldBe(codes[2]);
    }

    private static string NewCode() => "9." + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task PublishAsync(string code, ProcedureContent content, AnnouncingDecision decision)
    {
        using var response = await client.PostAsJsonAsync("/api/catalogue/procedures", new { code, content, decision }, Json);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task PostOkAsync(string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body, Json);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        foreach (var field in fields)
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue($"no error for {field} in {body}");
        }
    }
}
