using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Onestop.Postgres.Embedded;

namespace Onestop.TestSupport;

/// <summary>
/// The throw-away PostgreSQL server of this test run: the one test.sh started (ONESTOP_TEST_POSTGRES holds its
/// connection string), or else a cluster this process starts in a temporary folder with fsync off.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "ONESTOP_TEST_POSTGRES";
    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    /// <summary>A connection string to the server's maintenance database.</summary>
    public static Task<string> ServerConnectionStringAsync() => Server.Value;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var server = await ServerConnectionStringAsync();
        var name = $"{Sanitize(prefix)}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var root = Path.Combine(Path.GetTempPath(), "onestop-test-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var cluster = await EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions
            {
                RootDirectory = root,
                Port = FreePort(),
                Database = "postgres",
                Fsync = false,
                Settings = new Dictionary<string, string> { ["max_connections"] = "300" },
            },
            NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        };
        return cluster.ConnectionString;
    }

    private static string Sanitize(string prefix) =>
        new string(prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray()) is { Length: > 0 } s
            ? s[..Math.Min(s.Length, 28)]
            : "test";
}
