using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Onestop.Postgres.Embedded;

/// <summary>
/// A PostgreSQL cluster owned by this process: created with initdb on first use, started with pg_ctl,
/// reused on the next start, stopped with a fast shutdown. As root, the binaries run as the postgres user.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "onestop";
    private readonly EmbeddedPostgresOptions options;
    private readonly PostgresBinaries binaries;
    private readonly ILogger logger;
    private int stopped;

    private readonly string? runAsUser;

    private EmbeddedPostgres(EmbeddedPostgresOptions options, PostgresBinaries binaries, string password, string? runAsUser, ILogger logger)
    {
        this.options = options;
        this.runAsUser = runAsUser;
        this.binaries = binaries;
        this.logger = logger;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = options.Port,
            Username = SuperUser,
            Password = password,
            Database = options.Database,
        }.ConnectionString;
    }

    /// <summary>Connection string to the cluster's application database.</summary>
    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(options.RootDirectory, "pgdata");

    private string LogFile => Path.Combine(options.RootDirectory, "postgres.log");

    private string PasswordFile => Path.Combine(options.RootDirectory, "superuser.password");

    public static async Task<EmbeddedPostgres> StartAsync(
        EmbeddedPostgresOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate(options.BinDirectory);
        var root = Path.GetFullPath(options.RootDirectory);
        options = options with { RootDirectory = root };
        Directory.CreateDirectory(root);
        var runAs = OperatingSystem.IsLinux() && Environment.UserName == "root" ? "postgres" : null;

        var password = ReadOrCreatePassword(Path.Combine(root, "superuser.password"));
        var cluster = new EmbeddedPostgres(options, binaries, password, runAs, logger);
        if (runAs is not null)
        {
            await cluster.RunAsync("chown", ["-R", $"{runAs}:{runAs}", root], asServerUser: false, cancellationToken);
        }

        if (!File.Exists(Path.Combine(cluster.DataDirectory, "PG_VERSION")))
        {
            await cluster.InitAsync(cancellationToken);
        }

        await cluster.StartServerAsync(cancellationToken);
        await cluster.EnsureDatabaseAsync(cancellationToken);
        return cluster;
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Creating PostgreSQL cluster in {DataDirectory}", DataDirectory);
        var passwordInput = Path.Combine(options.RootDirectory, ".initdb-password");
        await File.WriteAllTextAsync(passwordInput, await File.ReadAllTextAsync(PasswordFile, cancellationToken), cancellationToken);
        try
        {
            if (runAsUser is not null)
            {
                await RunAsync("chown", [$"{runAsUser}:{runAsUser}", passwordInput], asServerUser: false, cancellationToken);
            }

            await RunAsync(binaries.InitDb,
                ["-D", DataDirectory, "-U", SuperUser, "--pwfile", passwordInput, "--auth", "scram-sha-256",
                 "-E", "UTF8", "--locale", "C.UTF-8", "--no-instructions"],
                asServerUser: true, cancellationToken);
        }
        finally
        {
            File.Delete(passwordInput);
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        if (await IsRunningAsync(cancellationToken))
        {
            logger.LogInformation("PostgreSQL is already running on {DataDirectory}; reusing it", DataDirectory);
            return;
        }

        RemoveStaleLockFiles();
        var settings = new Dictionary<string, string>(options.Settings)
        {
            ["port"] = options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["listen_addresses"] = "127.0.0.1",
            ["unix_socket_directories"] = options.RootDirectory,
            ["fsync"] = options.Fsync ? "on" : "off",
        };
        if (!options.Fsync)
        {
            settings.TryAdd("synchronous_commit", "off");
            settings.TryAdd("full_page_writes", "off");
        }

        var serverOptions = string.Join(' ', settings.Select(s => $"-c {s.Key}={QuoteForServer(s.Value)}"));
        logger.LogInformation("Starting PostgreSQL on 127.0.0.1:{Port} (data in {DataDirectory})", options.Port, DataDirectory);
        await RunAsync(binaries.PgCtl,
            ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", serverOptions],
            asServerUser: true, cancellationToken);
    }

    /// <summary>pg_ctl status reports "running" when the pid in postmaster.pid is alive, even if a crash left it and the pid was reused.</summary>
    private async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return false;
        }

        var result = await RunAsync(binaries.PgCtl, ["status", "-D", DataDirectory], asServerUser: true, cancellationToken, throwOnError: false);
        return result.ExitCode == 0 && PidFileOwnerIsPostgres(pidFile);
    }

    private static bool PidFileOwnerIsPostgres(string pidFile)
    {
        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (!int.TryParse(firstLine, out var pid))
        {
            return false;
        }

        // A zombie (dead, not yet reaped) has an empty command line.
        var cmdline = $"/proc/{pid}/cmdline";
        return File.Exists(cmdline) && File.ReadAllText(cmdline).Contains("postgres", StringComparison.Ordinal);
    }

    /// <summary>
    /// A crash leaves postmaster.pid and the socket's lock file naming a dead (or zombie, or reused) pid, and
    /// PostgreSQL refuses to start while they are there. The server is known not to run here, so both go.
    /// </summary>
    private void RemoveStaleLockFiles()
    {
        var stale = Directory.EnumerateFiles(options.RootDirectory, ".s.PGSQL.*")
            .Append(Path.Combine(DataDirectory, "postmaster.pid"))
            .Where(File.Exists);
        foreach (var file in stale)
        {
            logger.LogWarning("Removing stale {LockFile} left by an earlier crash", file);
            File.Delete(file);
        }
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
        {
            Parameters = { new() { Value = options.Database } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{options.Database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Fast shutdown: active sessions are disconnected, committed data is flushed.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        logger.LogInformation("Stopping PostgreSQL ({DataDirectory})", DataDirectory);
        var result = await RunAsync(binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"],
            asServerUser: true, CancellationToken.None, throwOnError: false);
        if (result.ExitCode != 0)
        {
            logger.LogWarning("pg_ctl stop failed: {Output}", result.Output);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static string ReadOrCreatePassword(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return password;
    }

    private static string QuoteForServer(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-')
            ? value
            : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private async Task<(int ExitCode, string Output)> RunAsync(
        string program, IReadOnlyList<string> arguments, bool asServerUser, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServerUser && runAsUser is not null)
        {
            start.FileName = File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "runuser";
            foreach (var arg in new[] { "-u", runAsUser, "--", program })
            {
                start.ArgumentList.Add(arg);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new PostgresNotAvailableException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = (await stdout + await stderr).Trim();
        if (throwOnError && process.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(20)) : "";
            throw new PostgresNotAvailableException(
                $"'{Path.GetFileName(program)} {string.Join(' ', arguments.Take(1))}' failed with exit code {process.ExitCode}: {output}\n{log}".Trim());
        }

        return (process.ExitCode, output);
    }
}
