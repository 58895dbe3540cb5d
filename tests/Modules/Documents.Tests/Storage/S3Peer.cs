using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Onestop.Documents.Storage;
using Onestop.TestSupport;
using Xunit;

namespace Onestop.Documents.Tests.Storage;

/// <summary>A real S3-compatible server (npm's s3rver, tests/interop/s3) on loopback with one empty bucket, for one test class.</summary>
public sealed class S3Peer : IAsyncLifetime
{
    public const string Bucket = "onestop-documents";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private Process? process;

    public string ServiceUrl { get; private set; } = "";

    public S3StoreOptions Options(string prefix = "") => new()
    {
        ServiceUrl = ServiceUrl, Bucket = Bucket, Prefix = prefix, AccessKey = AccessKey, SecretKey = SecretKey, ForcePathStyle = true,
    };

    /// <summary>A client of its own, to look at or tamper with the bucket behind the store's back.</summary>
    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = ServiceUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(PlatformServer.RepositoryRoot, "tests/interop/s3");
        var start = new ProcessStartInfo("node", ["s3_server.mjs", Bucket])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node s3_server.mjs.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException($"s3rver did not start: {await process.StandardError.ReadToEndAsync()} (run scripts/install-test-deps.sh)");
        ServiceUrl = $"http://127.0.0.1:{JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32()}";
    }

    public async Task DisposeAsync()
    {
        if (process is null)
        {
            return;
        }

        // Closing its stdin stops it and removes its folder; a kill is the fallback.
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
