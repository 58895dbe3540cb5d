using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Onestop.Host.Tests.AdminUi;

/// <summary>
/// The real host with the sample catalogue and the sample accounts, for the browser. Identity headers are off: the UI
/// logs in and sends bearer tokens like in production.
/// </summary>
public sealed class AdminUiServer : PlatformServer
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Catalogue:LoadSampleOnEmpty", "true");
        builder.UseSetting("Auth:SampleAccounts:Enabled", "true");
        builder.UseSetting("Auth:TrustedHeaders", "false");
        builder.UseSetting("AdminUi:Root", Path.Combine(RepositoryRoot, "src/Host/wwwroot/admin"));
    }
}

/// <summary>
/// tests/e2e/admin-path.mjs in Debian's chromium (playwright-core): log in, receive and print the receipt, process to
/// the returned result (attaching a document on the way), then the statistics and the audit timeline, an
/// administrator's new account, and a catalogue controller's amendment through the procedure form. Screenshots go to
/// artifacts/e2e/.
/// </summary>
public sealed class AdminPathInBrowserTests(AdminUiServer server, ITestOutputHelper output) : IClassFixture<AdminUiServer>
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task an_official_receives_processes_and_returns_a_dossier_then_finds_it_in_statistics_and_audit()
    {
        var scripts = Path.Combine(PlatformServer.RepositoryRoot, "tests/e2e");
        File.Exists(Chromium).ShouldBeTrue($"{Chromium} is missing: run scripts/install-test-deps.sh (apt-get install chromium).");
        Directory.Exists(Path.Combine(scripts, "node_modules/playwright-core"))
            .ShouldBeTrue("tests/e2e/node_modules is missing: run scripts/install-test-deps.sh (npm ci in tests/e2e).");
        File.Exists(Path.Combine(PlatformServer.RepositoryRoot, "src/Host/wwwroot/admin/index.html"))
            .ShouldBeTrue("The admin UI is not built: dotnet build src/Host builds it.");
        var artifacts = Path.Combine(PlatformServer.RepositoryRoot, "artifacts/e2e");
        if (Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }

        var (exitCode, log) = await RunNodeAsync(scripts, "admin-path.mjs", "--base", server.RestAddress.ToString(), "--artifacts", artifacts,
            "--chromium", Chromium);

        output.WriteLine(log);
        exitCode.ShouldBe(0, log);
        log.ShouldContain("PASS");
        foreach (var step in new[] { "login", "receive", "receipt", "documents", "assign", "propose", "approve", "return", "tablet", "statistics", "audit", "accounts", "catalogue" })
        {
            log.ShouldContain($"STEP {step} ok");
        }

        Directory.GetFiles(artifacts, "*.png").Length.ShouldBeGreaterThanOrEqualTo(10);
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("node", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var log = new StringBuilder($"node {string.Join(' ', arguments)}\n");
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            log.AppendLine($"Timed out after {Timeout.TotalMinutes} minutes.");
        }

        log.Append(await stdout).Append(await stderr);
        return (process.HasExited ? process.ExitCode : -1, log.ToString());
    }
}
