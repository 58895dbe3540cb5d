using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Onestop.Postgres.Embedded;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Postgres.Tests;

/// <summary>The embedded cluster a default install runs on: created once, reused, robust to a crash's leftovers.</summary>
public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "onestop-embedded-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int port = TestPostgres.FreePort();

    private EmbeddedPostgresOptions Options => new() { RootDirectory = root, Port = port, Database = "onestop", Fsync = false };

    [Fact]
    public async Task the_next_start_reuses_the_data_of_the_previous_one()
    {
        await using (var first = await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance))
        {
            await ExecuteAsync(first.ConnectionString, "create table kept (note text); insert into kept values ('Tết 2026')");
        }

        await using var second = await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance);
        (await ScalarAsync(second.ConnectionString, "select note from kept")).ShouldBe("Tết 2026");
    }

    [Fact]
    public async Task a_stale_pid_file_whose_process_is_not_postgres_does_not_block_the_start()
    {
        await using (var first = await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance))
        {
            await ExecuteAsync(first.ConnectionString, "create table kept (n int); insert into kept values (7)");
        }

        // After a crash the pid in postmaster.pid may belong to an unrelated live process (here: this test).
        var pidFile = Path.Combine(root, "pgdata", "postmaster.pid");
        await File.WriteAllTextAsync(pidFile, $"{Environment.ProcessId}\n{Path.Combine(root, "pgdata")}\n");

        await using var second = await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance);
        (await ScalarAsync(second.ConnectionString, "select n::text from kept")).ShouldBe("7");
    }

    [Fact]
    public async Task a_server_killed_with_sigkill_restarts_on_the_next_start_without_losing_committed_data()
    {
        var first = await EmbeddedPostgres.StartAsync(Options with { Fsync = true }, NullLogger.Instance);
        await ExecuteAsync(first.ConnectionString, "create table kept (n int); insert into kept values (42)");
        var pid = int.Parse(File.ReadLines(Path.Combine(root, "pgdata", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        System.Diagnostics.Process.GetProcessById(pid).Kill();
        await Eventually.Until(() => Task.FromResult(IsAlive(pid)), alive => !alive, what: "the killed postmaster to exit");

        await using var second = await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance);
        (await ScalarAsync(second.ConnectionString, "select n::text from kept")).ShouldBe("42");
    }

    [Fact]
    public void missing_binaries_give_one_message_saying_what_to_install_or_set()
    {
        var error = Should.Throw<PostgresNotAvailableException>(() => PostgresBinaries.Locate("/nonexistent/postgresql/bin"));

        error.Message.ShouldContain("apt-get install postgresql");
        error.Message.ShouldContain("ConnectionStrings__Platform");
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
