using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests.Features;

public sealed class AttachmentTests(DocumentsApp app) : IClassFixture<DocumentsApp>
{
    private const string Citizen = "001190054321";
    private const string Consent = "Tôi đồng ý sử dụng lại bản số hóa Giấy khai sinh đã nộp trước đây cho hồ sơ này.";

    [Fact]
    public async Task a_document_attached_to_a_dossier_component_is_listed_for_that_dossier()
    {
        var dossier = await app.ReceiveDossierAsync();
        var document = (await app.UploadOkAsync(Samples.Pdf("tờ khai"), "to-khai.pdf")).GetProperty("id").GetGuid();

        using var attached = await app.PostAsync($"/api/documents/{document}/attachments", new { dossierId = dossier, componentCode = "TK" });

        attached.StatusCode.ShouldBe(HttpStatusCode.OK, await attached.Content.ReadAsStringAsync());
        var listed = await ListAsync($"/api/documents?dossierId={dossier}");
        listed.Single().GetProperty("id").GetGuid().ShouldBe(document);
        listed.Single().GetProperty("componentCode").GetString().ShouldBe("TK");
        listed.Single().GetProperty("reused").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task an_official_of_another_unit_may_not_attach_to_the_dossier_and_nothing_is_appended()
    {
        var dossier = await app.ReceiveDossierAsync();
        var document = (await app.UploadOkAsync(Samples.Pdf("đơn vị khác"), "don.pdf")).GetProperty("id").GetGuid();
        var other = app.ClientFor(new TestOfficial("desk-other", DocumentsApp.OtherUnit, Roles.DeskOfficer));
        var before = await app.CountAsync("select count(*) from es_events where stream_id = @stream", new { stream = $"document-{document}" });

        using var refused = await app.PostAsync($"/api/documents/{document}/attachments", new { dossierId = dossier, componentCode = "TK" }, other);

        (await DocumentsApp.ProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("dossier.other_unit");
        (await app.CountAsync("select count(*) from es_events where stream_id = @stream", new { stream = $"document-{document}" })).ShouldBe(before);
        (await app.CountAsync("select count(*) from document_attachments where document_id = @document", new { document })).ShouldBe(0);
        (await other.GetAsync($"/api/documents?dossierId={dossier}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.GetAsync($"/api/documents/{document}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_digitised_paper_is_reused_for_the_same_citizens_next_dossier_with_the_consent_recorded()
    {
        var first = await app.ReceiveDossierAsync(Citizen);
        var paper = (await app.UploadOkAsync(Samples.Pdf("giấy khai sinh"), "giay-khai-sinh.pdf")).GetProperty("id").GetGuid();
        await OkAsync($"/api/documents/{paper}/attachments", new { dossierId = first, componentCode = "GT" });
        await OkAsync($"/api/documents/{paper}/digitisation", new
        {
            documentType = "Giấy khai sinh", number = "123/2001", issuer = "UBND phường Hà Huy Tập", issuedOn = "2001-05-20",
            ownerIdentityNumber = Citizen, ownerName = "Nguyễn Thị Lan",
        });
        var second = await app.ReceiveDossierAsync(Citizen);
        var desk = app.ClientFor(TestOfficial.DeskOfficer());

        using var withoutConsent = await app.PostAsync($"/api/documents/{paper}/attachments", new { dossierId = second, componentCode = "GT" }, desk);
        (await DocumentsApp.ProblemAsync(withoutConsent, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("consent", out _).ShouldBeTrue();
        await OkAsync($"/api/documents/{paper}/attachments", new { dossierId = second, componentCode = "GT", consent = new { text = Consent } }, desk);

        var reusable = await ListAsync($"/api/documents/reusable?identityNumber={Citizen}", desk);
        reusable.Single().GetProperty("id").GetGuid().ShouldBe(paper);
        reusable.Single().GetProperty("documentType").GetString().ShouldBe("Giấy khai sinh");
        (await ListAsync($"/api/documents?dossierId={second}")).Single().GetProperty("reused").GetBoolean().ShouldBeTrue();
        var attachment = (await DocumentAsync(paper)).GetProperty("attachments").EnumerateArray().Single(a => a.GetProperty("dossierId").GetGuid() == second);
        attachment.GetProperty("consent").GetProperty("text").GetString().ShouldBe(Consent);
        attachment.GetProperty("consent").GetProperty("recordedBy").GetString().ShouldBe($"user:desk-{TestOfficial.DefaultUnit}");
        (await app.CountAsync("select count(*) from document_attachments where document_id = @paper and consent_text is not null", new { paper })).ShouldBe(1);
    }

    [Fact]
    public async Task a_digitised_paper_is_not_attached_to_another_citizens_dossier()
    {
        var paper = (await app.UploadOkAsync(Samples.Pdf("của người khác"), "cccd.pdf")).GetProperty("id").GetGuid();
        await OkAsync($"/api/documents/{paper}/digitisation", new { documentType = "Căn cước", ownerIdentityNumber = "001190099999" });
        var stranger = await app.ReceiveDossierAsync("001190011111");

        using var refused = await app.PostAsync($"/api/documents/{paper}/attachments", new { dossierId = stranger, componentCode = "GT", consent = new { text = Consent } });

        (await DocumentsApp.ProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("document.other_owner");
    }

    [Fact]
    public async Task a_superseded_document_points_at_its_replacement_and_can_no_longer_be_attached()
    {
        var old = (await app.UploadOkAsync(Samples.Pdf("bản cũ"), "ban-cu.pdf")).GetProperty("id").GetGuid();
        var replacement = (await app.UploadOkAsync(Samples.Pdf("bản mới"), "ban-moi.pdf")).GetProperty("id").GetGuid();
        var dossier = await app.ReceiveDossierAsync();

        await OkAsync($"/api/documents/{old}/supersession", new { byDocumentId = replacement });

        var view = await DocumentAsync(old);
        view.GetProperty("status").GetString().ShouldBe("superseded");
        view.GetProperty("supersededBy").GetGuid().ShouldBe(replacement);
        using var refused = await app.PostAsync($"/api/documents/{old}/attachments", new { dossierId = dossier, componentCode = "TK" });
        (await DocumentsApp.ProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("document.illegal_transition");
    }

    private async Task OkAsync(string path, object body, HttpClient? client = null)
    {
        using var response = await app.PostAsync(path, body, client);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement[]> ListAsync(string path, HttpClient? client = null)
    {
        using var response = await (client ?? app.Client).GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private async Task<JsonElement> DocumentAsync(Guid id)
    {
        using var response = await app.Client.GetAsync($"/api/documents/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
