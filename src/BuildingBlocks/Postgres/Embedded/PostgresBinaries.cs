namespace Onestop.Postgres.Embedded;

/// <summary>Locates the machine's PostgreSQL server binaries (initdb, pg_ctl).</summary>
public sealed record PostgresBinaries(string Directory)
{
    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
        "Install them with 'sudo apt-get install postgresql-15 postgresql-contrib' (Debian/Ubuntu), " +
        "set Postgres__BinDirectory to the folder that holds them, " +
        "or set ConnectionStrings__Platform to use an existing PostgreSQL server.";

    /// <summary>Finds the binaries: the configured folder, else PATH, else the newest /usr/lib/postgresql/*/bin.</summary>
    public static PostgresBinaries Locate(string? configuredDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredDirectory))
        {
            return HasServerBinaries(configuredDirectory)
                ? new PostgresBinaries(configuredDirectory)
                : throw new PostgresNotAvailableException(
                    $"Postgres:BinDirectory is '{configuredDirectory}', but initdb and pg_ctl are not there. " + InstallHint);
        }

        foreach (var candidate in Candidates())
        {
            if (HasServerBinaries(candidate))
            {
                return new PostgresBinaries(candidate);
            }
        }

        throw new PostgresNotAvailableException(InstallHint);
    }

    private static IEnumerable<string> Candidates()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var entry in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return entry;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debianRoot))
        {
            var versions = System.IO.Directory.GetDirectories(debianRoot)
                .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
                .OrderByDescending(x => x.version);
            foreach (var (dir, _) in versions)
            {
                yield return Path.Combine(dir, "bin");
            }
        }
    }

    private static bool HasServerBinaries(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));
}

/// <summary>PostgreSQL cannot be started here; the message says what to install or configure.</summary>
public sealed class PostgresNotAvailableException(string message) : Exception(message);
