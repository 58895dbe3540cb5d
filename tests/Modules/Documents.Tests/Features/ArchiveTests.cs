using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests.Features;

public sealed class ArchiveTests(DocumentsApp app) : IClassFixture<DocumentsApp>
{
    [Fact]
    public async Task the_package_of_a_returned_dossier_holds_its_documents_and_history_and_an_independent_reader_verifies_every_hash()
    {
        var declaration = Samples.Pdf("tờ khai nộp lưu");
        var identity = Samples.Png();
        var (id, code) = await ArchiveDossiers.ReceiveWithDocumentsAsync(app, ("TK", declaration, "Tờ khai.pdf"), ("GT", identity, "Căn cước mặt trước (1).png"));
        await ArchiveDossiers.ReturnAsync(app, id);
        var auditor = app.ClientFor(ArchiveDossiers.Auditor);

        var package = await ArchivePackageReader.DownloadAsync(auditor, code);

        var sha = (byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));
        package.Entries.Keys.ShouldBe(
            ["manifest.json", "history.json", "README.txt", $"documents/{sha(declaration)}-To_khai.pdf", $"documents/{sha(identity)}-Can_cuoc_mat_truoc__1_.png"],
            ignoreOrder: true);
        var manifest = package.Manifest;
        manifest.GetProperty("format").GetString().ShouldBe("onestop.archive-package");
        manifest.GetProperty("dossier").GetProperty("code").GetString().ShouldBe(code);
        manifest.GetProperty("dossier").GetProperty("applicant").GetProperty("fullName").GetString().ShouldBe("Nguyễn Thị Lan");
        Encoding.UTF8.GetString(package.Entries["manifest.json"]).ShouldNotContain("001190012345");
        manifest.GetProperty("retention").GetProperty("years").GetInt32().ShouldBe(10);
        manifest.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("sha256").GetString())
            .ShouldBe(new[] { sha(declaration), sha(identity) }.Order(StringComparer.Ordinal));
        package.DocumentsMatchTheManifest();

        var offline = await OfflineHistoryVerifier.VerifyAsync(package.Entries["history.json"]);
        offline.IsValid.ShouldBeTrue(offline.Output);
        var history = System.Text.Json.JsonDocument.Parse(package.Entries["history.json"]).RootElement.GetProperty("head");
        manifest.GetProperty("history").GetProperty("headVersion").GetInt64().ShouldBe(history.GetProperty("version").GetInt64());
        manifest.GetProperty("history").GetProperty("headHash").GetString().ShouldBe(history.GetProperty("hash").GetString());
        Encoding.UTF8.GetString(package.Entries["README.txt"]).ShouldContain($"GÓI NỘP LƯU HỒ SƠ {code}");

        var again = await ArchivePackageReader.DownloadAsync(auditor, code);
        again.Entries["manifest.json"].ShouldBe(package.Entries["manifest.json"]);
    }

    [Fact]
    public async Task only_a_returned_dossier_is_packaged_for_an_auditor_and_an_unknown_code_is_not_found()
    {
        var (_, code) = await ArchiveDossiers.ReceiveWithDocumentsAsync(app, ("TK", Samples.Pdf("chưa trả kết quả"), "to-khai.pdf"));
        var auditor = app.ClientFor(ArchiveDossiers.Auditor);

        using var notReturned = await auditor.GetAsync($"/api/documents/archive/{code}");
        using var unknown = await auditor.GetAsync("/api/documents/archive/000.00.00.H00-260101-9999");
        using var desk = await app.ClientFor(TestOfficial.DeskOfficer()).GetAsync($"/api/documents/archive/{code}");

        var refused = await DocumentsApp.ProblemAsync(notReturned, HttpStatusCode.Conflict);
        refused.GetProperty("code").GetString().ShouldBe("archive.dossier_not_returned");
        refused.GetProperty("detail").GetString()!.ShouldContain("chưa trả kết quả");
        (await DocumentsApp.ProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("code").GetString().ShouldBe("dossier.not_found");
        (await DocumentsApp.ProblemAsync(desk, HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("auth.role_required");
    }

    [Fact]
    public async Task a_corrupted_blob_stops_the_package_with_a_conflict_naming_the_document()
    {
        var bytes = Samples.Pdf("sẽ bị hỏng trong kho");
        var (id, code) = await ArchiveDossiers.ReceiveWithDocumentsAsync(app, ("TK", bytes, "to-khai-hong.pdf"));
        await ArchiveDossiers.ReturnAsync(app, id);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await using (var file = new FileStream(Path.Combine(app.BlobRoot, sha[..2], sha[2..4], sha), FileMode.Open, FileAccess.ReadWrite))
        {
            file.Seek(bytes.Length / 2, SeekOrigin.Begin);
            var original = file.ReadByte();
            file.Seek(-1, SeekOrigin.Current);
            file.WriteByte((byte)(original ^ 0xFF));
        }

        using var response = await app.ClientFor(ArchiveDossiers.Auditor).GetAsync($"/api/documents/archive/{code}");

        var problem = await DocumentsApp.ProblemAsync(response, HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("archive.document_corrupted");
        problem.GetProperty("detail").GetString()!.ShouldContain("to-khai-hong.pdf");
    }

    [Fact]
    public async Task the_hand_over_is_recorded_once_with_the_manifest_hash_and_a_second_one_is_refused()
    {
        var (id, code) = await ArchiveDossiers.ReceiveWithDocumentsAsync(app, ("TK", Samples.Pdf("giao nộp"), "to-khai.pdf"));
        await ArchiveDossiers.ReturnAsync(app, id);
        var manifest = (await ArchivePackageReader.DownloadAsync(app.ClientFor(ArchiveDossiers.Auditor), code)).Entries["manifest.json"];
        var receipt = new { archiveReceiptNumber = "BB-12/2026/LTCQ", receivedBy = "Trần Văn Bình", note = "Giao nộp đợt 1 năm 2026" };

        using var incomplete = await app.PostAsync($"/api/documents/archive/{code}/handover", new { archiveReceiptNumber = "", receivedBy = "Trần Văn Bình" });
        using var first = await app.PostAsync($"/api/documents/archive/{code}/handover", receipt);
        using var second = await app.PostAsync($"/api/documents/archive/{code}/handover", receipt);

        (await DocumentsApp.ProblemAsync(incomplete, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("archiveReceiptNumber", out _).ShouldBeTrue();
        var recorded = await first.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        first.StatusCode.ShouldBe(HttpStatusCode.OK, recorded.ToString());
        recorded.GetProperty("manifestSha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(manifest)));
        recorded.GetProperty("archiveReceiptNumber").GetString().ShouldBe("BB-12/2026/LTCQ");
        (await DocumentsApp.ProblemAsync(second, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("archive.already_handed_over");
        (await app.CountAsync("select count(*) from es_events where stream_id = @stream and type = 'documents.archive_handed_over.v1'",
            new { stream = $"archive-{id}" })).ShouldBe(1);
    }

    [Fact]
    public async Task a_procedure_configured_as_permanent_is_packaged_with_permanent_retention()
    {
        var (id, code) = await ArchiveDossiers.ReceiveWithDocumentsAsync(app, ("TK", Samples.Pdf("vĩnh viễn"), "to-khai.pdf"));
        await ArchiveDossiers.ReturnAsync(app, id);
        var configured = ArchiveDossiers.Auditor.ApplyTo(app.ClientOf(host => host.UseSetting(
            $"Documents:Archive:RetentionByProcedure:{DocumentsApp.Procedure}", "permanent")));

        var retention = (await ArchivePackageReader.DownloadAsync(configured, code)).Manifest.GetProperty("retention");

        retention.GetProperty("permanent").GetBoolean().ShouldBeTrue();
        retention.GetProperty("keepUntil").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}
