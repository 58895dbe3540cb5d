using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Onestop.Errors;
using Shouldly;
using Xunit;

namespace Onestop.Messaging.Tests;

public sealed class PipelineTests(MessagingHost host) : IClassFixture<MessagingHost>
{
    private static FileApplication Valid(string? key = null) =>
        new(Guid.NewGuid().ToString("N"), new Applicant("Nguyễn Văn An", "001203004567"), [new Component("TP1", 1)], key);

    [Fact]
    public async Task invalid_input_reports_every_failure_at_once_with_its_field_path_and_appends_nothing()
    {
        var command = new FileApplication("x1", new Applicant("", "12ab"), [new Component("TP1", 1), new Component("", 2)]);

        var error = await Should.ThrowAsync<AppException>(() => host.SendAsync(command));

        error.Kind.ShouldBe(ErrorKind.Validation);
        error.FieldErrors.Select(e => e.Field).ShouldBe(["applicant.fullName", "applicant.identityNumber", "components[1].code"], ignoreOrder: true);
        (await host.CountAsync("select count(*) from es_events where stream_id = 'application-x1'")).ShouldBe(0);
    }

    [Fact]
    public async Task a_command_commits_its_events_and_read_model_together()
    {
        var command = Valid();

        var result = await host.SendAsync(command);

        result.Version.ShouldBe(1);
        (await host.CountAsync("select count(*) from es_events where stream_id = $1", $"application-{command.Id}")).ShouldBe(1);
        (await host.CountAsync("select count(*) from application_view where id = $1", command.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task a_command_that_fails_after_appending_leaves_neither_events_nor_read_model()
    {
        var command = Valid() with { FailAfterAppend = true };

        await Should.ThrowAsync<AppException>(() => host.SendAsync(command));

        (await host.CountAsync("select count(*) from es_streams where id = $1", $"application-{command.Id}")).ShouldBe(0);
        (await host.CountAsync("select count(*) from application_view where id = $1", command.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task a_command_retried_with_the_same_idempotency_key_appends_once_and_returns_the_first_outcome()
    {
        var command = Valid(key: Guid.NewGuid().ToString());

        var first = await host.SendAsync(command);
        var concurrentRetries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => host.SendAsync(command))));

        concurrentRetries.ShouldAllBe(r => r == first);
        (await host.CountAsync("select count(*) from es_events where stream_id = $1", $"application-{command.Id}")).ShouldBe(1);
    }

    [Fact]
    public async Task concurrent_first_attempts_with_one_idempotency_key_run_the_command_once()
    {
        var command = Valid(key: Guid.NewGuid().ToString());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => host.SendAsync(command))));

        outcomes.Distinct().Count().ShouldBe(1);
        (await host.CountAsync("select count(*) from es_events where stream_id = $1", $"application-{command.Id}")).ShouldBe(1);
    }

    [Fact]
    public async Task an_idempotency_key_reused_for_a_different_request_is_a_conflict()
    {
        var key = Guid.NewGuid().ToString();
        await host.SendAsync(Valid(key));

        var error = await Should.ThrowAsync<AppException>(() => host.SendAsync(Valid(key)));

        error.Kind.ShouldBe(ErrorKind.Conflict);
        error.Code.ShouldBe("idempotency_key_reused");
    }

    [Fact]
    public async Task a_lost_concurrency_race_leaves_the_pipeline_as_a_concurrency_error()
    {
        var filed = await host.SendAsync(Valid());

        var error = await Should.ThrowAsync<AppException>(() => host.SendAsync(new AmendApplication(filed.Id, ExpectedVersion: 0)));

        error.Kind.ShouldBe(ErrorKind.Concurrency);
    }

    [Fact]
    public async Task over_rest_a_validation_failure_is_problem_details_with_fields_and_the_callers_correlation_id()
    {
        using var client = host.App.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/applications")
        {
            Content = JsonContent.Create(new { id = "r1", applicant = new { fullName = "", identityNumber = "1" }, components = Array.Empty<object>() }),
        };
        request.Headers.Add("X-Correlation-Id", "desk-42");

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.GetValues("X-Correlation-Id").ShouldBe(["desk-42"]);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(400);
        problem.RootElement.GetProperty("title").GetString().ShouldBe("Dữ liệu không hợp lệ");
        problem.RootElement.GetProperty("correlationId").GetString().ShouldBe("desk-42");
        var errors = problem.RootElement.GetProperty("errors");
        errors.GetProperty("applicant.fullName")[0].GetString().ShouldBe("Họ và tên không được để trống.");
        errors.TryGetProperty("applicant.identityNumber", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task over_rest_an_unreadable_body_is_a_400_problem_not_a_500()
    {
        using var client = host.App.GetTestClient();

        using var response = await client.PostAsync("/applications", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
