using System.Diagnostics;

namespace Onestop.TestSupport;

/// <summary>Runs the auditor's offline verifier, tools/verify-history.py on /usr/bin/python3, over a history export.</summary>
public static class OfflineHistoryVerifier
{
    public static string Script { get; } = Path.Combine(PlatformServer.RepositoryRoot, "tools", "verify-history.py");

    /// <summary>Writes the export to a temporary file and verifies it; the output is what the auditor reads.</summary>
    public static async Task<OfflineVerification> VerifyAsync(byte[] export, params string[] options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"history-export-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(file, export);
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3", [Script, file, .. options])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return new OfflineVerification(process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>The verifier's exit code (0 valid, 1 invalid) and everything it printed.</summary>
public sealed record OfflineVerification(int ExitCode, string Output)
{
    public bool IsValid => ExitCode == 0;

    /// <summary>The version the verifier names in its INVALID line, if any.</summary>
    public long? BrokenVersion
    {
        get
        {
            var line = Output.Split('\n').LastOrDefault(l => l.StartsWith("INVALID:", StringComparison.Ordinal)) ?? "";
            var match = System.Text.RegularExpressions.Regex.Match(line, @", version (\d+):");
            return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        }
    }
}
