namespace Onestop.Documents.Storage;

/// <summary>The outcome of a scan: clean, or the threat found (its name as the scanner reports it).</summary>
public sealed record ScanVerdict(bool Clean, string? Threat = null)
{
    public static ScanVerdict Accepted { get; } = new(true);
}

/// <summary>
/// The virus-scanning hook: called on every upload's staged file before it is committed; a verdict that is not clean
/// refuses the upload (422) and nothing is stored. Register an implementation (e.g. calling clamd) to replace the default.
/// </summary>
public interface IContentScanner
{
    Task<ScanVerdict> ScanAsync(string path, CancellationToken cancellationToken);
}

/// <summary>The default when no scanner is configured: accepts everything.</summary>
internal sealed class AcceptingContentScanner : IContentScanner
{
    public Task<ScanVerdict> ScanAsync(string path, CancellationToken cancellationToken) => Task.FromResult(ScanVerdict.Accepted);
}
