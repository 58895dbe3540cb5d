using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Onestop.EventStore;
using Onestop.EventStore.Projections;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;
using static Onestop.Statistics.Tests.StatisticsRequests;

namespace Onestop.Statistics.Tests;

/// <summary>
/// The reports computed by the async projection from dossiers made through the real REST API, against the test's own
/// count of what it did; the projection rebuilt from zero; a dossier whose transaction commits late.
/// </summary>
public sealed class StatisticsTests(DossierApp app) : IClassFixture<DossierApp>
{
    private static readonly DateTimeOffset March = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    private enum Fate { InProgress, OnTime, Late, Withdrawn, Refused }

    private sealed record Made(string Unit, string Channel, Fate Fate, DateOnly ReceivedOn, int? WorkingDays, string? PaidBy = null);

    [Fact]
    public async Task the_summary_and_the_intake_table_match_an_independent_count_and_a_rebuild_gives_the_same_rows()
    {
        var made = await MakeDossiersAsync(seed: 7, count: 40);
        await CaughtUpAsync();
        var viewer = app.ClientFor(new TestOfficial("tk.minh", Desk, Roles.StatisticsViewer));

        var summary = await GetAsync(viewer, $"/api/statistics/summary?unit={Desk}&from=2026-03-01&to=2026-03-31");
        var deskOnly = await GetAsync(viewer, $"/api/statistics/summary?unit={Desk}&from=2026-03-01&to=2026-03-31&children=false");
        var intake = await GetAsync(viewer, $"/api/statistics/intake?unit={Desk}&from=2026-03-01&to=2026-03-31");

        var received = made.Where(m => m.Fate != Fate.Refused).ToList();
        summary.GetProperty("received").GetInt64().ShouldBe(received.Count);
        summary.GetProperty("online").GetInt64().ShouldBe(received.Count(m => m.Channel == "online"));
        summary.GetProperty("refused").GetInt64().ShouldBe(made.Count(m => m.Fate == Fate.Refused));
        summary.GetProperty("withdrawn").GetInt64().ShouldBe(made.Count(m => m.Fate == Fate.Withdrawn));
        summary.GetProperty("resolvedOnTime").GetInt64().ShouldBe(made.Count(m => m.Fate == Fate.OnTime));
        summary.GetProperty("resolvedLate").GetInt64().ShouldBe(made.Count(m => m.Fate == Fate.Late));
        summary.GetProperty("inProgress").GetInt64().ShouldBe(made.Count(m => m.Fate == Fate.InProgress));
        var resolved = made.Count(m => m.Fate is Fate.OnTime or Fate.Late);
        summary.GetProperty("onTimeRate").GetDecimal().ShouldBe(decimal.Round(100m * made.Count(m => m.Fate == Fate.OnTime) / resolved, 2));
        summary.GetProperty("onlineRate").GetDecimal().ShouldBe(decimal.Round(100m * received.Count(m => m.Channel == "online") / received.Count, 2));
        deskOnly.GetProperty("received").GetInt64().ShouldBe(received.Count(m => m.Unit == Desk));
        intake.GetProperty("totals").GetProperty("online").GetInt64().ShouldBe(received.Count(m => m.Channel == "online"));
        intake.GetProperty("totals").GetProperty("direct").GetInt64().ShouldBe(received.Count(m => m.Channel != "online"));
        var line = intake.GetProperty("procedures").EnumerateArray().Single();
        line.GetProperty("procedureName").GetString().ShouldBe("Cấp Giấy xác nhận tình trạng hôn nhân");
        line.GetProperty("resolvedOnTime").GetInt64().ShouldBe(made.Count(m => m.Fate == Fate.OnTime));
        line.GetProperty("resolvedLate").GetInt64().ShouldBe(made.Count(m => m.Fate == Fate.Late));
        line.GetProperty("onTimeRate").GetDecimal().ShouldBe(summary.GetProperty("onTimeRate").GetDecimal(), "one procedure: its on-time rate is the whole's");
        summary.GetProperty("asOf").GetProperty("checkpoint").GetString().ShouldNotBe("0:0");
        var days = made.Where(m => m.WorkingDays is not null).Select(m => m.WorkingDays!.Value).Order().ToList();
        var processing = summary.GetProperty("processingTime");
        processing.GetProperty("resolved").GetInt64().ShouldBe(days.Count);
        processing.GetProperty("averageWorkingDays").GetDecimal().ShouldBe(decimal.Round((decimal)days.Average(), 2));
        processing.GetProperty("p90WorkingDays").GetInt32().ShouldBe(days[(int)Math.Ceiling(0.9 * days.Count) - 1]);
        var visits = received.Count(m => m.Channel == "online");
        var electronic = made.Count(m => m.Fate == Fate.OnTime);
        summary.GetProperty("timeSaved").GetProperty("visitsAvoided").GetInt64().ShouldBe(visits + electronic);
        summary.GetProperty("timeSaved").GetProperty("dong").GetDecimal().ShouldBe((visits + electronic) * 16_000m);
        var indicators = summary.GetProperty("indicators");
        indicators.GetProperty("returned").GetInt64().ShouldBe(resolved);
        indicators.GetProperty("returnedElectronically").GetInt64().ShouldBe(electronic);
        indicators.GetProperty("payments").GetInt64().ShouldBe(made.Count(m => m.PaidBy is not null));
        indicators.GetProperty("paymentsOnline").GetInt64().ShouldBe(made.Count(m => m.PaidBy == "Thanh toán trực tuyến"));

        var weeks = await GetAsync(viewer, $"/api/statistics/periods?unit={Desk}&from=2026-03-01&to=2026-03-31&period=week");
        weeks.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("period").GetString()).ShouldBe(["2026-W10", "2026-W11", "2026-W12", "2026-W13"]);
        weeks.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("received").GetInt64()).ShouldBe(received.Count);
        var firstWeek = received.Count(m => m.ReceivedOn < new DateOnly(2026, 3, 9));
        weeks.GetProperty("lines")[0].GetProperty("received").GetInt64().ShouldBe(firstWeek);

        var ranking = await GetAsync(viewer, $"/api/statistics/ranking?unit={Desk}&week=2026-W10");
        var commune = ranking.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unit").GetString() == Commune);
        commune.GetProperty("received").GetInt64().ShouldBe(received.Count(m => m.Unit == Commune && m.ReceivedOn < new DateOnly(2026, 3, 9)));
        ranking.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("rank").GetInt32()).ShouldBe([1, 2]);

        using var csv = await viewer.GetAsync($"/api/statistics/intake.csv?unit={Desk}&from=2026-03-01&to=2026-03-31");
        var csvText = System.Text.Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync()).AsSpan(3));
        csvText.ShouldStartWith("Mã thủ tục,Tên thủ tục,Trực tuyến,Trực tiếp,Tổng số,Tỷ lệ trực tuyến (%)\r\n");
        csvText.ShouldContain($",Tổng cộng,{visits},{received.Count - visits},{received.Count},");

        using var xlsx = await viewer.GetAsync($"/api/statistics/intake.xlsx?unit={Desk}&from=2026-03-01&to=2026-03-31");
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList()).ToList();
        rows[1].ShouldBe(["Mã thủ tục", "Tên thủ tục", "Trực tuyến", "Trực tiếp", "Tổng số", "Tỷ lệ trực tuyến (%)"]);
        rows[^1].Take(5).ShouldBe(["", "Tổng cộng", $"{visits}", $"{received.Count - visits}", $"{received.Count}"]);

        var before = await RowsAsync();
        (await app.Services.GetRequiredService<ProjectionDaemon>().RebuildAsync(StatisticsModule.ProjectionName)).ShouldBeTrue();
        (await RowsAsync()).ShouldBe(before);
        (await GetAsync(viewer, $"/api/statistics/summary?unit={Desk}&from=2026-03-01&to=2026-03-31")).GetProperty("received").GetInt64()
            .ShouldBe(received.Count);
    }

    [Fact]
    public async Task digitised_and_reused_components_stored_results_and_ratings_are_counted_and_make_the_service_index()
    {
        app.Clock.Now = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(7));
        var desk = app.ClientFor(TestOfficial.DeskOfficer(Desk));
        var leader = app.ClientFor(new TestOfficial("ld.nam", Desk, Roles.Specialist, Roles.Leader));
        var citizen = Applicant(identity: "001190077777");
        var both = await app.ReceiveAsync(Intake(applicant: citizen, components: [new { code = "TK", originals = 1 }, new { code = "LH", copies = 1 }]), desk);
        var reusing = await app.ReceiveAsync(Intake(applicant: citizen), desk);
        var bare = await app.ReceiveAsync(Intake(), desk);
        var form = await UploadAsync(desk, "tờ khai");
        var divorce = await UploadAsync(desk, "trích lục ly hôn");
        await PostOkAsync(desk, $"/api/documents/{form}/attachments", new { dossierId = both.Id, componentCode = "TK" });
        await PostOkAsync(desk, $"/api/documents/{divorce}/attachments", new { dossierId = both.Id, componentCode = "LH" });
        await PostOkAsync(desk, $"/api/documents/{form}/digitisation", new { documentType = "Tờ khai", ownerIdentityNumber = "001190077777" });
        await PostOkAsync(desk, $"/api/documents/{form}/attachments",
            new { dossierId = reusing.Id, componentCode = "TK", consent = new { text = "Tôi đồng ý sử dụng lại bản số hóa." } });
        // A document attached to a component the dossier was not received with digitises none of its components.
        await PostOkAsync(desk, $"/api/documents/{await UploadAsync(desk, "ủy quyền")}/attachments", new { dossierId = bare.Id, componentCode = "UQ" });
        await ResolveAsync(both.Id, desk, leader, late: false);
        await ResolveAsync(bare.Id, desk, leader, late: false);
        await app.ActOkAsync(both.Id, "rating", new { score = 3 }, desk);
        await app.ActOkAsync(bare.Id, "rating", new { score = 1 }, desk);
        // The signed result, as the document-management exchange records it (its own tests cover how it gets there).
        var result = await UploadAsync(leader, "giấy xác nhận");
        await app.Services.GetRequiredService<EventStore.EventStore>().AppendAsync($"document-{result}", "document", ExpectedVersion.Any,
            [new Documents.Domain.DocumentMarkedAsResult(both.Id, both.Code, app.Clock.Now, "system:qlvb", Desk)]);
        await CaughtUpAsync();
        var viewer = app.ClientFor(new TestOfficial("tk.minh", Desk, Roles.StatisticsViewer));

        var june = await GetAsync(viewer, $"/api/statistics/summary?unit={Desk}&from=2026-06-01&to=2026-06-30&children=false");

        var indicators = june.GetProperty("indicators");
        indicators.GetProperty("components").GetInt64().ShouldBe(4);
        indicators.GetProperty("componentsDigitised").GetInt64().ShouldBe(3);
        indicators.GetProperty("componentDigitisationRate").GetDecimal().ShouldBe(75m);
        indicators.GetProperty("componentsReused").GetInt64().ShouldBe(1);
        indicators.GetProperty("reuseRate").GetDecimal().ShouldBe(33.33m);
        indicators.GetProperty("resolved").GetInt64().ShouldBe(2);
        indicators.GetProperty("resultsDigitised").GetInt64().ShouldBe(1);
        indicators.GetProperty("resultDigitisationRate").GetDecimal().ShouldBe(50m);
        indicators.GetProperty("satisfactionRate").GetDecimal().ShouldBe(50m);
        june.GetProperty("averageRating").GetDecimal().ShouldBe(2m);
        var index = june.GetProperty("index");
        index.GetProperty("groups").EnumerateArray().Select(g => g.TryGetProperty("points", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDecimal() : (decimal?)null)
            .ShouldBe([null, 20m, 13.75m, 0m, 9m], "publicity unmeasured; 100% on time; (75 + 50) / 2 digitised; nothing online; half satisfied");
        index.GetProperty("points").GetDecimal().ShouldBe(42.75m);
        index.GetProperty("measuredMaxPoints").GetInt32().ShouldBe(82);
        // The same figures from the dossiers' own rows (days at a range's edges) as from the month's aggregates.
        var days = await GetAsync(viewer, $"/api/statistics/summary?unit={Desk}&from=2026-06-01&to=2026-06-29&children=false");
        days.GetProperty("indicators").ToString().ShouldBe(indicators.ToString());
    }

    [Fact]
    public async Task a_dossier_whose_transaction_commits_late_is_counted_once()
    {
        app.Clock.Now = new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.FromHours(7));
        var store = app.Services.GetRequiredService<EventStore.EventStore>();
        var (template, _, _, _) = await app.ReceiveAsync();
        var received = (await store.ReadStreamAsync($"dossier-{template}"))[0].Data as Dossiers.Domain.DossierReceived;
        var lateId = Guid.CreateVersion7();

        await using (var late = store.OpenSession())
        {
            await late.AppendAsync($"dossier-{lateId}", "dossier", ExpectedVersion.NoStream,
                [received! with { DossierId = lateId, Code = received.Code + "-LATE" }]);
            await app.ReceiveAsync();
            await app.ReceiveAsync();
            // The open transaction holds the projection back: health shows the committed intakes waiting.
            (await ProjectionHealthAsync()).GetProperty("positionsBehind").GetInt64().ShouldBeGreaterThanOrEqualTo(2);
            (await MetricAsync("onestop_projection_positions_behind")).ShouldBeGreaterThanOrEqualTo(2);
            (await MetricAsync("onestop_projection_lag_seconds")).ShouldBeGreaterThanOrEqualTo(0, "present (the test's clock stands still, so its age is not)");
            await late.CommitAsync();
        }

        await CaughtUpAsync();
        (await ProjectionHealthAsync()).GetProperty("positionsBehind").GetInt64().ShouldBe(0);
        (await MetricAsync("onestop_projection_positions_behind")).ShouldBe(0);
        var viewer = app.ClientFor(new TestOfficial("tk.minh", Desk, Roles.StatisticsViewer));
        (await GetAsync(viewer, $"/api/statistics/summary?unit={Desk}&from=2026-05-04&to=2026-05-04")).GetProperty("received").GetInt64().ShouldBe(4);
        await using var db = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        (await db.ExecuteScalarAsync<long>("select count(*) from statistics_dossiers where dossier_id = @lateId", new { lateId })).ShouldBe(1);
    }

    [Fact]
    public async Task a_report_for_one_field_counts_only_its_procedures_and_an_unknown_field_is_refused()
    {
        const string Land = "DD-TK";
        const string Survey = "2.000889";
        await app.Client.PostAsJsonAsync("/api/catalogue/fields", new { code = Land, name = "Đất đai", order = 2 }, DossierApp.Json);
        (await app.Client.PostAsJsonAsync("/api/catalogue/procedures", new
        {
            code = Survey,
            content = DossierApp.MarriageStatus() with { Name = "Trích lục bản đồ địa chính", FieldCode = Land },
            decision = new Catalogue.Domain.AnnouncingDecision("9/QĐ-UBND", new DateOnly(2025, 7, 1), "Chủ tịch UBND tỉnh", new DateOnly(2025, 7, 1)),
        }, DossierApp.Json)).EnsureSuccessStatusCode();
        app.Clock.Now = new DateTimeOffset(2026, 6, 10, 9, 0, 0, TimeSpan.FromHours(7));
        await app.ReceiveAsync(DossierApp.Intake(Survey));
        await app.ReceiveAsync(DossierApp.Intake(Survey));
        await app.ReceiveAsync(DossierApp.Intake(DossierApp.Marriage));
        await CaughtUpAsync();
        var viewer = app.ClientFor(new TestOfficial("tk.minh", Desk, Roles.StatisticsViewer));
        const string June = "from=2026-06-10&to=2026-06-10";

        (await GetAsync(viewer, $"/api/statistics/summary?unit={Desk}&{June}")).GetProperty("received").GetInt64().ShouldBe(3);
        (await GetAsync(viewer, $"/api/statistics/summary?unit={Desk}&{June}&field={Land}")).GetProperty("received").GetInt64().ShouldBe(2);
        (await GetAsync(viewer, $"/api/statistics/summary?unit={Desk}&{June}&field=TP-HT")).GetProperty("received").GetInt64().ShouldBe(1);
        var intake = await GetAsync(viewer, $"/api/statistics/intake?unit={Desk}&{June}&field={Land}");
        intake.GetProperty("procedures").EnumerateArray().Select(p => p.GetProperty("procedureCode").GetString()).ShouldBe([Survey]);
        var periods = await GetAsync(viewer, $"/api/statistics/periods?unit={Desk}&{June}&period=day&field={Land}");
        periods.GetProperty("lines").EnumerateArray().Single().GetProperty("received").GetInt64().ShouldBe(2);

        using var unknown = await viewer.GetAsync($"/api/statistics/summary?unit={Desk}&{June}&field=KHONG-CO");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("KHONG-CO");
    }

    [Fact]
    public async Task an_official_sees_the_figures_of_their_unit_and_those_below_it_and_the_ranking_of_their_group_only()
    {
        var commune = app.ClientFor(new TestOfficial("tk.xa", Commune, Roles.StatisticsViewer));
        var agency = app.ClientFor(new TestOfficial("tk.so", Agency, Roles.StatisticsViewer));
        var province = app.ClientFor(new TestOfficial("tk.tinh", Desk, Roles.StatisticsViewer));
        const string March2026 = "from=2026-03-01&to=2026-03-31";

        (await commune.GetAsync($"/api/statistics/summary?unit={Commune}&{March2026}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await province.GetAsync($"/api/statistics/intake?unit={Commune}&{March2026}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var path in new[] { $"/api/statistics/summary?unit={Desk}&{March2026}", $"/api/statistics/periods?unit={Desk}&{March2026}&period=week" })
        {
            var refused = await ProblemAsync(await commune.GetAsync(path), HttpStatusCode.Forbidden);
            refused.GetProperty("code").GetString().ShouldBe("statistics.other_unit");
        }

        (await ProblemAsync(await agency.GetAsync($"/api/statistics/intake?unit={Commune}&{March2026}"), HttpStatusCode.Forbidden))
            .GetProperty("code").GetString().ShouldBe("statistics.other_unit");
        (await commune.GetAsync($"/api/statistics/ranking?unit={Desk}&week=2026-W10")).StatusCode.ShouldBe(HttpStatusCode.OK, "its own group");
        (await commune.GetAsync($"/api/statistics/ranking?unit={Commune}&week=2026-W10")).StatusCode.ShouldBe(HttpStatusCode.OK, "the units below its own");
        (await ProblemAsync(await agency.GetAsync($"/api/statistics/ranking?unit={Commune}&week=2026-W10"), HttpStatusCode.Forbidden))
            .GetProperty("code").GetString().ShouldBe("statistics.other_unit");
    }

    [Fact]
    public async Task a_desk_officer_may_not_read_the_statistics_and_a_bad_date_is_a_field_error()
    {
        var desk = app.ClientFor(TestOfficial.DeskOfficer(Desk));
        var viewer = app.ClientFor(new TestOfficial("tk.minh", Desk, Roles.StatisticsViewer));

        using var forbidden = await desk.GetAsync($"/api/statistics/summary?unit={Desk}&from=2026-03-01&to=2026-03-31");
        using var badDate = await viewer.GetAsync($"/api/statistics/summary?unit={Desk}&from=01/03/2026&to=2026-03-31");
        using var reversed = await viewer.GetAsync($"/api/statistics/intake?unit={Desk}&from=2026-03-31&to=2026-03-01");

        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ProblemAsync(badDate, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["from"]);
        reversed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    /// <summary>Dossiers over March 2026 at the desk and a commune below it, by every channel, each with a fate drawn from a seeded random.</summary>
    private async Task<List<Made>> MakeDossiersAsync(int seed, int count)
    {
        var random = new Random(seed);
        var made = new List<Made>();
        for (var i = 0; i < count; i++)
        {
            var unit = random.Next(3) == 0 ? Commune : Desk;
            var desk = app.ClientFor(TestOfficial.DeskOfficer(unit));
            var leader = app.ClientFor(new TestOfficial("ld.nam", unit, Roles.Specialist, Roles.Leader));
            app.Clock.Now = March.AddDays(random.Next(0, 4) * 7 + random.Next(0, 5)).AddHours(random.Next(0, 6));
            var receivedOn = DateOnly.FromDateTime(app.Clock.Now.DateTime);
            var channel = new[] { "direct", "post", "online" }[random.Next(3)];
            var fate = (Fate)random.Next(channel == "online" ? 5 : 4);
            var id = channel == "online" ? await SubmitOnlineAsync(unit, desk) : (await app.ReceiveAsync(Intake(), desk)).Id;
            if (channel == "online" && fate != Fate.Refused)
            {
                await app.ActOkAsync(id, "acceptance", null, desk);
            }

            await (fate switch
            {
                Fate.Refused => app.ActOkAsync(id, "refusal", new { reason = "Không thuộc thẩm quyền" }, desk),
                Fate.Withdrawn => app.ActOkAsync(id, "withdrawal", new { reason = "Người nộp rút hồ sơ" }, desk),
                Fate.OnTime or Fate.Late => ResolveAsync(id, desk, leader, late: fate == Fate.Late),
                _ => Task.FromResult(""),
            });
            int? workingDays = fate is Fate.OnTime or Fate.Late ? Weekdays(receivedOn, receivedOn.AddDays(fate == Fate.Late ? 14 : 1)) : null;
            var paidBy = fate == Fate.InProgress ? (i % 2 == 0 ? "Thanh toán trực tuyến" : "Tiền mặt") : null;
            if (paidBy is not null)
            {
                await app.ActOkAsync(id, "financial-obligations", new { description = "Lệ phí", amount = 10_000 }, desk);
                await app.ActOkAsync(id, "payments", new { description = "Lệ phí", amount = 10_000, method = paidBy, receiptNumber = $"BL-{i}" }, desk);
            }

            made.Add(new Made(unit, channel, fate, receivedOn, workingDays, paidBy));
        }

        return made;
    }

    /// <summary>Working days after the day of receipt up to the day of the result: March 2026 has no public holiday.</summary>
    private static int Weekdays(DateOnly from, DateOnly to) =>
        Enumerable.Range(1, to.DayNumber - from.DayNumber).Select(from.AddDays).Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    private static async Task<Guid> UploadAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsync("/api/documents?fileName=giay-to.pdf",
            new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"%PDF-1.7\n% {text}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task PostOkAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, Json);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Through the specialist's proposal and the leader's approval to the result, within 5 working days or after 10.</summary>
    private async Task<string> ResolveAsync(Guid id, HttpClient desk, HttpClient leader, bool late)
    {
        await app.ActOkAsync(id, "assignments", new { stepName = "Thẩm định hồ sơ", assignee = "ld.nam" }, desk);
        var at = app.Clock.Now;
        app.Clock.Now = at.AddDays(late ? 14 : 1);
        await app.ActOkAsync(id, "proposal", new { outcome = "approve", summary = "Đủ điều kiện" }, leader);
        await app.ActOkAsync(id, "decision", new { outcome = "approve", reasons = "Đủ điều kiện" }, leader);
        await app.ActOkAsync(id, "result", null, leader);
        // On-time results go out electronically, late ones at the desk: the electronic-result rate and the visits saved count them.
        var returned = await app.ActOkAsync(id, "return", new { method = late ? "desk" : "electronic", recipient = "Nguyễn Thị Lan" }, desk);
        app.Clock.Now = at;
        return returned;
    }

    private Task CaughtUpAsync() => StatisticsProjection.CaughtUpAsync(app.Services);

    /// <summary>The statistics projection's value of a gauge on /metrics (Prometheus text format).</summary>
    private async Task<double> MetricAsync(string name)
    {
        var line = (await app.Client.GetStringAsync("/metrics")).Split('\n')
            .Single(l => l.StartsWith($"{name}{{projection=\"{StatisticsModule.ProjectionName}\"}} ", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<JsonElement> ProjectionHealthAsync()
    {
        var health = await GetAsync(app.Client, "/health/projections");
        return health.GetProperty("checks").GetProperty("projections").GetProperty("data").GetProperty(StatisticsModule.ProjectionName);
    }

    private async Task<List<string>> RowsAsync()
    {
        await using var db = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return (await db.QueryAsync<string>(
            """
            select row(s.*)::text from statistics_dossiers s
            union all select row(c.*)::text from statistics_counts c
            union all select row(d.*)::text from statistics_processing_days d
            order by 1
            """)).ToList();
    }
}
