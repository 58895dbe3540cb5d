using Onestop.Documents.Tests.Features;
using Onestop.Documents.Tests.Signatures;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using static Onestop.TestSupport.DossierApp;

namespace Onestop.Documents.Tests.Grpc;

/// <summary>gRPC DocumentExchange as a document-management system on the C-core (python3-grpcio) uses it, against the real host on its ports.</summary>
public sealed class DocumentExchangeTests(DocumentServer server) : IClassFixture<DocumentServer>, IAsyncLifetime
{
    private readonly HttpClient admin = server.CreateRestClient();

    public Task InitializeAsync() => RegisterCatalogueAsync(admin);

    public Task DisposeAsync()
    {
        admin.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task a_dossiers_documents_are_fetched_in_chunks_that_reassemble_to_their_hashes()
    {
        var (exitCode, output) = await server.RunPythonAsync("document_exchange_client.py", "--case", "fetch", "--desk", Desk, "--procedure", Marriage);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("fetch: passed");
    }

    [Fact]
    public async Task an_approval_decides_the_dossier_and_marks_the_signed_result_once_however_often_it_is_retried()
    {
        var folder = Directory.CreateTempSubdirectory("onestop-approval-").FullName;
        var result = Samples.Pdf($"Giấy xác nhận tình trạng hôn nhân {Guid.NewGuid()}");
        var signer = DocumentServer.Pki.Signer("CN=Trần Văn Nam, O=UBND phường Hà Huy Tập, C=VN");
        await File.WriteAllBytesAsync(Path.Combine(folder, "result.pdf"), result);
        await File.WriteAllBytesAsync(Path.Combine(folder, "result.p7s"),
            TestPki.Sign(result, signer, DateTimeOffset.UtcNow.AddMinutes(-5), [DocumentServer.Pki.Intermediate, DocumentServer.Pki.Root]));

        var (exitCode, output) = await server.RunPythonAsync("document_exchange_client.py", "--case", "approval", "--desk", Desk, "--procedure", Marriage,
            "--result_file", Path.Combine(folder, "result.pdf"), "--signature_file", Path.Combine(folder, "result.p7s"));

        Directory.Delete(folder, recursive: true);
        exitCode.ShouldBe(0, output);
        output.ShouldContain("approval: passed");
    }

    [Fact]
    public async Task an_approval_with_its_result_streamed_in_the_call_stores_the_document_and_the_decision_together_or_neither()
    {
        var (exitCode, output) = await server.RunPythonAsync("document_exchange_client.py", "--case", "approval_streamed", "--desk", Desk, "--procedure", Marriage);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("approval_streamed: passed");
    }

    [Fact]
    public async Task dossiers_coming_to_await_approval_are_streamed_from_the_start_and_live_resuming_from_a_cursor()
    {
        var (exitCode, output) = await server.RunPythonAsync(
            "document_exchange_client.py", "--case", "pending_approvals", "--desk", Desk, "--procedure", Marriage);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("pending_approvals: passed");
    }

    [Fact]
    public async Task an_approval_for_a_dossier_not_awaiting_approval_is_refused_and_writes_nothing_to_either_stream()
    {
        var (exitCode, output) = await server.RunPythonAsync(
            "document_exchange_client.py", "--case", "not_awaiting_approval", "--desk", Desk, "--procedure", Marriage);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("not_awaiting_approval: passed");
    }
}
