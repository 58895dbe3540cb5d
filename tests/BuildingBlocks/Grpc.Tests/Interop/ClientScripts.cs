using System.Diagnostics;
using System.Text;

namespace Onestop.Grpc.Tests.Interop;

/// <summary>Runs an interop client (python3-grpcio or grpc-js) for one case against the fixture's host.</summary>
public static class ClientScripts
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(60);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static Task<ScriptResult> RunPythonAsync(GrpcHostFixture host, string testCase) =>
        RunAsync("/usr/bin/python3", Path.Combine(RepositoryRoot, "tests/interop/python"),
            ["interop_client.py", .. CommonArguments(host, testCase), "--descriptor_set", host.DescriptorSetFile]);

    public static Task<ScriptResult> RunNodeAsync(GrpcHostFixture host, string testCase) =>
        RunAsync("node", Path.Combine(RepositoryRoot, "tests/interop/node"),
            ["interop_client.js", .. CommonArguments(host, testCase),
             "--proto_path", Path.Combine(RepositoryRoot, "contracts/proto"),
             "--proto_path", Path.Combine(RepositoryRoot, "tests/BuildingBlocks/Grpc.Tests/Protos")]);

    private static string[] CommonArguments(GrpcHostFixture host, string testCase) =>
    [
        "--server_port", host.Port.ToString(), "--test_case", testCase,
        "--api_key", GrpcHostFixture.ApiKey, "--limited_api_key", GrpcHostFixture.LimitedApiKey,
        "--readiness_file", host.ReadinessFile,
    ];

    private static async Task<ScriptResult> RunAsync(string program, string workingDirectory, string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CaseTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            output.AppendLine($"Timed out after {CaseTimeout.TotalSeconds} s.");
        }

        output.Append(await stdout).Append(await stderr);
        return new ScriptResult(process.HasExited ? process.ExitCode : -1, $"{program} {string.Join(' ', arguments)}\n{output}");
    }

    /// <summary>Above the test binaries, or (when built with --artifacts-path elsewhere) above this source file.</summary>
    private static string FindRepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(thisFile) ?? "" })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Platform.sln not found above the test binaries nor above " + thisFile);
    }
}

public sealed record ScriptResult(int ExitCode, string Output);
