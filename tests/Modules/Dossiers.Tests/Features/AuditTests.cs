using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Onestop.EventStore.Audit;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Dossiers.Tests.Features;

/// <summary>An auditor reads, verifies and exports a dossier's history, and sees its state at a past instant.</summary>
public sealed class AuditTests(DossierApp app) : IClassFixture<DossierApp>
{
    private static readonly TestOfficial Auditor = new("kiem.tra", Desk, Roles.Auditor);

    private readonly HttpClient auditor = app.ClientFor(Auditor);

    [Fact]
    public async Task the_history_lists_every_transition_with_actor_unit_time_description_and_hash()
    {
        var life = await LiveAsync();

        var history = await GetOkAsync($"/api/dossiers/{life.Code}/history");

        var events = history.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("version").GetInt64()).ShouldBe(Enumerable.Range(1, 9).Select(v => (long)v));
        events.Select(e => (e.GetProperty("actor").GetString(), e.GetProperty("unit").GetString())).ShouldBe(
        [
            ($"user:desk-{Desk}", Desk), ($"user:desk-{Desk}", Desk), ("user:hoa.pt", Agency), ($"user:desk-{Desk}", Desk),
            ($"user:desk-{Desk}", Desk), ("user:hoa.pt", Agency), ("user:minh.lv", Agency), ("user:minh.lv", Agency), ($"user:desk-{Desk}", Desk),
        ]);
        events[3].GetProperty("correlationId").GetString().ShouldBe(events[4].GetProperty("correlationId").GetString(), "the payment resumed the clock");
        events[0].GetProperty("type").GetString().ShouldBe("dossiers.received.v1");
        events[0].GetProperty("data").GetProperty("code").GetString().ShouldBe(life.Code);
        events[1].GetProperty("description").GetString()!.ShouldStartWith("Chuyển liên thông bước «Thẩm định hồ sơ»");
        events.ShouldAllBe(e => e.GetProperty("hash").GetString()!.Length == 64 && e.GetProperty("correlationId").GetString() != null);
        events.Select(e => e.GetProperty("recordedAt").GetDateTimeOffset()).ShouldBeInOrder();
        events[0].GetProperty("recordedAt").GetDateTimeOffset().Offset.ShouldBe(TimeSpan.FromHours(7));
        history.GetProperty("headVersion").GetInt64().ShouldBe(9);
        history.GetProperty("headHash").GetString().ShouldBe(events[^1].GetProperty("hash").GetString());
        history.GetProperty("streamId").GetString().ShouldBe($"dossier-{life.Id}");
    }

    [Fact]
    public async Task the_state_at_an_instant_between_two_transitions_is_the_state_after_the_first()
    {
        var life = await LiveAsync();
        var at = Uri.EscapeDataString(life.AfterAssignment.ToString("O"));

        var between = await GetOkAsync($"/api/dossiers/{life.Code}/state?at={at}");
        var before = await GetOkAsync($"/api/dossiers/{life.Code}/state?at=2020-01-01T00:00:00");
        var now = await GetOkAsync($"/api/dossiers/{life.Code}/state?at={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}");

        between.GetProperty("version").GetInt64().ShouldBe(2);
        between.GetProperty("status").GetString().ShouldBe("inProcessing");
        between.GetProperty("dossier").GetProperty("handlingUnit").GetString().ShouldBe(Agency);
        between.GetProperty("dossier").GetProperty("assignee").GetString().ShouldBe("hoa.pt");
        before.GetProperty("version").GetInt64().ShouldBe(0);
        before.GetProperty("dossier").ValueKind.ShouldBe(JsonValueKind.Null);
        before.GetProperty("statusText").GetString().ShouldBe("Hồ sơ chưa có tại thời điểm này.");
        now.GetProperty("version").GetInt64().ShouldBe(9);
        now.GetProperty("statusText").GetString().ShouldBe("Đã trả kết quả");
    }

    [Fact]
    public async Task the_export_downloads_as_a_json_file_that_the_offline_python_tool_verifies()
    {
        var life = await LiveAsync();

        using var response = await auditor.GetAsync($"/api/dossiers/{life.Code}/history/export");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(bytes));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"{life.Code}.history.json");
        var export = HistoryExport.Parse(bytes);
        export.StreamId.ShouldBe($"dossier-{life.Id}");
        export.Events.Count.ShouldBe(9);
        HistoryExportVerifier.Verify(bytes).IsValid.ShouldBeTrue();
        var offline = await OfflineHistoryVerifier.VerifyAsync(bytes);
        offline.IsValid.ShouldBeTrue(offline.Output);
        offline.Output.ShouldContain($"VALID: stream dossier-{life.Id}, 9 events");
    }

    [Fact]
    public async Task an_event_changed_by_sql_is_found_with_its_stream_and_version_online_and_offline()
    {
        var life = await LiveAsync();
        var stream = $"dossier-{life.Id}";
        var headBefore = (await GetOkAsync($"/api/dossiers/{life.Code}/history/verify")).GetProperty("headHash").GetString();

        await ExecuteInHostDatabaseAsync(stream,
            "update es_events set data = jsonb_set(data, '{amount}', '1000') where stream_id = $1 and version = 4");

        var verdict = await GetOkAsync($"/api/dossiers/{life.Code}/history/verify");
        verdict.GetProperty("valid").GetBoolean().ShouldBeFalse();
        verdict.GetProperty("streamId").GetString().ShouldBe(stream);
        verdict.GetProperty("brokenVersion").GetInt64().ShouldBe(4);
        verdict.GetProperty("brokenPosition").GetInt64().ShouldBePositive();
        verdict.GetProperty("message").GetString()!.ShouldStartWith($"Chuỗi băm của hồ sơ {life.Code} bị phá vỡ tại phiên bản 4");
        verdict.GetProperty("headHash").GetString().ShouldBe(headBefore, "the stored hashes were not touched, only the data");
        using var response = await auditor.GetAsync($"/api/dossiers/{life.Code}/history/export");
        var offline = await OfflineHistoryVerifier.VerifyAsync(await response.Content.ReadAsByteArrayAsync());
        offline.IsValid.ShouldBeFalse();
        offline.BrokenVersion.ShouldBe(4);
        offline.Output.ShouldContain($"INVALID: stream {stream}, version 4");
    }

    [Fact]
    public async Task a_returned_result_deleted_by_sql_is_found_with_the_head_the_auditor_kept()
    {
        var life = await LiveAsync();
        var kept = await GetOkAsync($"/api/dossiers/{life.Code}/history/verify");
        var head = $"{kept.GetProperty("headVersion").GetInt64()}:{kept.GetProperty("headHash").GetString()}";

        await ExecuteInHostDatabaseAsync($"dossier-{life.Id}", "delete from es_events where stream_id = $1 and version = 9");

        var alone = await GetOkAsync($"/api/dossiers/{life.Code}/history/verify");
        var withHead = await GetOkAsync($"/api/dossiers/{life.Code}/history/verify?head={head}");
        using var malformed = await auditor.GetAsync($"/api/dossiers/{life.Code}/history/verify?head=9");

        alone.GetProperty("valid").GetBoolean().ShouldBeTrue("the shorter chain is sound in itself");
        withHead.GetProperty("valid").GetBoolean().ShouldBeFalse();
        withHead.GetProperty("keptHeadMissing").GetBoolean().ShouldBeTrue();
        withHead.GetProperty("brokenVersion").GetInt64().ShouldBe(9);
        withHead.GetProperty("message").GetString().ShouldBe(
            $"Chuỗi băm của hồ sơ {life.Code} không còn chứa phiên bản 9 đã lưu giữ trước đây: các sự kiện cuối đã bị xóa hoặc cả chuỗi đã bị viết lại.");
        (await ProblemAsync(malformed, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("head").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task an_untouched_dossier_verifies_with_its_head()
    {
        var life = await LiveAsync();

        var verdict = await GetOkAsync($"/api/dossiers/{life.Code}/history/verify");

        verdict.GetProperty("valid").GetBoolean().ShouldBeTrue();
        verdict.GetProperty("eventsChecked").GetInt64().ShouldBe(9);
        verdict.GetProperty("headVersion").GetInt64().ShouldBe(9);
        verdict.GetProperty("brokenVersion").ValueKind.ShouldBe(JsonValueKind.Null);
        verdict.GetProperty("message").GetString().ShouldBe($"Chuỗi băm của hồ sơ {life.Code} toàn vẹn: 9 sự kiện đã được kiểm tra, phiên bản cuối 9.");
    }

    [Theory]
    [InlineData("history")]
    [InlineData("history/verify")]
    [InlineData("history/export")]
    [InlineData("state?at=2026-03-02T10:00:00%2B07:00")]
    public async Task a_desk_officer_without_the_auditor_role_is_refused(string path)
    {
        var (_, code, _, _) = await app.ReceiveAsync();
        using var desk = app.ClientFor(TestOfficial.DeskOfficer(Desk));
        using var citizen = TestOfficial.Clear(app.ClientFor(Auditor));

        using var refused = await desk.GetAsync($"/api/dossiers/{code}/{path}");
        using var anonymous = await citizen.GetAsync($"/api/dossiers/{code}/{path}");

        (await ProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("auth.role_required");
        await ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task an_unknown_code_is_not_found_and_a_malformed_instant_is_a_field_error()
    {
        var (_, code, _, _) = await app.ReceiveAsync();

        using var unknown = await auditor.GetAsync("/api/dossiers/000.00.00.H00-260101-9999/history");
        using var malformed = await auditor.GetAsync($"/api/dossiers/{code}/state?at=h%C3%B4m-qua");
        using var missing = await auditor.GetAsync($"/api/dossiers/{code}/state");

        (await ProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("code").GetString().ShouldBe("dossier.not_found");
        (await ProblemAsync(malformed, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("at")[0].GetString()!
            .ShouldStartWith("Thời điểm 'hôm-qua' không hợp lệ");
        (await ProblemAsync(missing, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("at").GetArrayLength().ShouldBe(1);
    }

    /// <summary>A dossier's whole life through REST, each step by the official who does it; notes the instant between steps 2 and 3.</summary>
    private async Task<(Guid Id, string Code, DateTimeOffset AfterAssignment)> LiveAsync()
    {
        var desk = app.ClientFor(TestOfficial.DeskOfficer(Desk));
        var specialist = app.ClientFor(new TestOfficial("hoa.pt", Agency, Roles.Specialist));
        var leader = app.ClientFor(new TestOfficial("minh.lv", Agency, Roles.Leader));
        app.Clock.Now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

        var (id, code, _, _) = await app.ReceiveAsync(client: desk);
        await app.ActOkAsync(id, "assignments", new { stepName = "Thẩm định hồ sơ", unit = Agency, assignee = "hoa.pt", workingDays = 3 }, desk);
        var afterAssignment = await PauseAsync();
        await app.ActOkAsync(id, "financial-obligations", new { description = "Lệ phí cấp giấy xác nhận", amount = 10_000 }, specialist);
        await app.ActOkAsync(id, "payments", new { description = "Lệ phí cấp giấy xác nhận", amount = 10_000, method = "Tiền mặt", receiptNumber = "BL-0001" }, desk);
        await app.ActOkAsync(id, "proposal", new { outcome = "approve", summary = "Đủ điều kiện cấp giấy xác nhận" }, specialist);
        await app.ActOkAsync(id, "decision", new { outcome = "approve", reasons = "Đủ điều kiện theo Điều 22 Nghị định 123/2015/NĐ-CP", documentNumber = "15/XN-STP" }, leader);
        await app.ActOkAsync(id, "result", null, leader);
        await app.ActOkAsync(id, "return", new { method = "desk", recipient = "Nguyễn Thị Lan" }, desk);
        return (id, code, afterAssignment);
    }

    /// <summary>An instant strictly after everything recorded so far and strictly before anything recorded next.</summary>
    private static async Task<DateTimeOffset> PauseAsync()
    {
        await Task.Delay(5);
        var instant = DateTimeOffset.UtcNow;
        while (DateTimeOffset.UtcNow <= instant.AddMilliseconds(5))
        {
            await Task.Delay(1);
        }

        return instant;
    }

    private async Task<JsonElement> GetOkAsync(string path)
    {
        using var response = await auditor.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>
    /// Tampers as someone with SQL access would. The host's database is the one of the test server that holds the
    /// stream (stream ids are unique across the run), so the fixture needs no back door.
    /// </summary>
    private static async Task ExecuteInHostDatabaseAsync(string streamId, string sql)
    {
        var server = await TestPostgres.ServerConnectionStringAsync();
        var databases = new List<string>();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var list = new NpgsqlCommand("select datname from pg_database where datname like 'host\\_%'", connection);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                databases.Add(reader.GetString(0));
            }
        }

        foreach (var database in databases)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"with changed as ({sql} returning 1) select count(*) from changed", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = streamId });
            try
            {
                if ((long)(await command.ExecuteScalarAsync())! > 0)
                {
                    return;
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // A database of a host that has not applied its migrations yet.
            }
        }

        throw new InvalidOperationException($"No test database holds stream {streamId}.");
    }
}
