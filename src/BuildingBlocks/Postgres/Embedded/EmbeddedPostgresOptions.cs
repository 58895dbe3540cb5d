namespace Onestop.Postgres.Embedded;

/// <summary>Where and how the embedded cluster runs.</summary>
public sealed record EmbeddedPostgresOptions
{
    /// <summary>Root folder: holds the cluster (pgdata/), its log and its generated password.</summary>
    public required string RootDirectory { get; init; }

    public int Port { get; init; } = 54329;

    public string Database { get; init; } = "onestop";

    /// <summary>Off only for throw-away test clusters: a crash may then lose committed data.</summary>
    public bool Fsync { get; init; } = true;

    public string? BinDirectory { get; init; }

    /// <summary>Extra server settings, passed as -c name=value.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
