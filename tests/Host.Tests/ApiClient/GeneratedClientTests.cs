using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Host.Tests.ApiClient;

/// <summary>
/// The C# client NSwag generates from the committed contract (AdminApiClient.g.cs) against the real host with the
/// sample catalogue and accounts, signed in with bearer tokens like the admin UI: if the document promised what the
/// host does not do, these calls fail.
/// </summary>
public sealed class GeneratedClientTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Password = "Motcua@2026";
    private const string Birth = "1.001193";

    private readonly WebApplicationFactory<Program> factory = platform.WithWebHostBuilder(host => host
        .UseSetting("Catalogue:LoadSampleOnEmpty", "true")
        .UseSetting("Auth:SampleAccounts:Enabled", "true")
        .UseSetting("Auth:TrustedHeaders", "false"));

    [Fact]
    public async Task a_dossier_goes_from_the_desk_to_its_returned_result_through_the_generated_client_and_shows_in_statistics_and_audit()
    {
        var desk = await SignInAsync("tiepnhan");
        var procedure = await Eventually.Until(() => desk.GetProcedureAsync(Birth, null, null), p => p.Code == Birth, what: "the sample catalogue");

        var intake = await desk.ReceiveDossierAsync(new ReceiveDossier
        {
            ProcedureCode = Birth,
            Applicant = new Applicant { FullName = "Trần Văn Bình", IdentityNumber = "042095001234", Phone = "0987654321", Address = "Phường Nam Hồng" },
            Components = [.. procedure.Content.Components.Where(c => c.Required).Select(c => new ComponentReceipt { Code = c.Code, Originals = 1, Copies = 0 })],
        });
        intake.Status.ShouldBe(DossierStatus.Received);
        intake.LookupSecret.ShouldNotBeNullOrEmpty();

        var assigned = await desk.AssignDossierAsync(intake.Id, ETag(intake.Version), new AssignDossier { StepName = "Thẩm định hồ sơ", Assignee = "chuyenvien" });
        var stale = await Should.ThrowAsync<ApiException<Problem>>(() =>
            desk.AssignDossierAsync(intake.Id, ETag(intake.Version), new AssignDossier { StepName = "Thẩm định hồ sơ", Assignee = "lanhdao" }));
        stale.StatusCode.ShouldBe(412);
        stale.Result.Detail.ShouldNotBeNullOrEmpty();

        var specialist = await SignInAsync("chuyenvien");
        var proposed = await specialist.ProposeDecisionAsync(intake.Id, ETag(assigned.Version),
            new ProposeDecision { Outcome = DecisionOutcome.Approve, Summary = "Hồ sơ đầy đủ, hợp lệ." });
        var leader = await SignInAsync("lanhdao");
        var decided = await leader.DecideDossierAsync(intake.Id, ETag(proposed.Version), new DecideDossier { Outcome = DecisionOutcome.Approve, Reasons = "Đồng ý." });
        var ready = await leader.MarkResultReadyAsync(intake.Id, ETag(decided.Version), new MarkResultReady { Note = "Đã ký trích lục." });
        await desk.ReturnResultAsync(intake.Id, ETag(ready.Version), new ReturnResult { Method = ReturnMethod.Desk, Recipient = "Trần Văn Bình" });

        var returned = await desk.GetDossierAsync(intake.Id);
        returned.Status.ShouldBe(DossierStatus.Returned);
        returned.History.Count.ShouldBeGreaterThanOrEqualTo(6);
        using (var receipt = await desk.DossierReceiptFormAsync(intake.Id, "html", new ReceiptRequest { LookupSecret = intake.LookupSecret }))
        {
            (await new StreamReader(receipt.Stream).ReadToEndAsync()).ShouldContain(intake.Code);
        }

        var auditor = await SignInAsync("kiemtoan");
        var verification = await auditor.VerifyDossierHistoryAsync(intake.Code, null);
        verification.Valid.ShouldBeTrue(verification.Message);
        verification.HeadVersion.ShouldBe(returned.Version);
        var forbidden = await Should.ThrowAsync<ApiException<Problem>>(() => auditor.ReturnResultAsync(intake.Id, null, new ReturnResult { Method = ReturnMethod.Desk }));
        forbidden.StatusCode.ShouldBe(403);

        var statistics = await SignInAsync("admin");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd");
        var report = await Eventually.Until(() => statistics.GetIntakeReportAsync(returned.ReceivingUnit, today, today, true, procedure.Content.FieldCode),
            r => r.Procedures.Any(p => p.ProcedureCode == Birth && p.Direct == 1), what: "the statistics projection");
        report.Totals.Total.ShouldBe(1);
        using var workbook = await statistics.ExportIntakeReportXlsxAsync(returned.ReceivingUnit, today, today, true, null);
        var zip = new byte[2];
        (await workbook.Stream.ReadAsync(zip)).ShouldBe(2);
        zip.ShouldBe("PK"u8.ToArray(), "an XLSX file is a ZIP package");
    }

    [Fact]
    public async Task a_wrong_password_reaches_the_caller_as_the_problem_the_host_answered()
    {
        var anonymous = new AdminApiClient(factory.CreateClient());

        var refused = await Should.ThrowAsync<ApiException<Problem>>(() => anonymous.LoginAsync(new LoginRequest { UserName = "tiepnhan", Password = "sai" }));

        refused.StatusCode.ShouldBe(401);
        refused.Result.Title.ShouldNotBeNullOrEmpty();
        var unauthenticated = await Should.ThrowAsync<ApiException<Problem>>(() => anonymous.ListDossiersAsync(null, null, null, null, null, null, null, null));
        unauthenticated.StatusCode.ShouldBe(401);
    }

    private async Task<AdminApiClient> SignInAsync(string userName)
    {
        var http = factory.CreateClient();
        var client = new AdminApiClient(http);
        var login = await client.LoginAsync(new LoginRequest { UserName = userName, Password = Password });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.AccessToken);
        return client;
    }

    private static string ETag(long version) => $"\"{version}\"";
}
