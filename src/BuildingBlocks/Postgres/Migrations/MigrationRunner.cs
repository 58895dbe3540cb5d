using Microsoft.Extensions.Logging;
using Npgsql;

namespace Onestop.Postgres.Migrations;

/// <summary>
/// Applies every module's migrations at start-up. An advisory lock serialises concurrent host instances;
/// each migration runs in its own transaction together with its bookkeeping row.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, IEnumerable<MigrationSource> sources, ILogger<MigrationRunner> logger)
{
    private const long LockKey = 0x4F4E4553544F50; // "ONESTOP"

    private const string BookkeepingSql = """
        create table if not exists schema_migrations (
            module     text        not null,
            name       text        not null,
            checksum   text        not null,
            applied_at timestamptz not null default now(),
            primary key (module, name)
        );
        """;

    public async Task ApplyAsync(CancellationToken cancellationToken = default)
    {
        var migrations = sources.SelectMany(s => s.Load()).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // Inside the try: a wait cancelled after the server granted the lock must still release it.
            await Execute(connection, "select pg_advisory_lock($1)", cancellationToken, LockKey);
            await Execute(connection, BookkeepingSql, cancellationToken);
            var applied = await LoadApplied(connection, cancellationToken);
            foreach (var migration in migrations)
            {
                if (applied.TryGetValue((migration.Module, migration.Name), out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Module}/{migration.Name} was changed after it was applied; add a new migration instead.");
                    }

                    continue;
                }

                await ApplyOne(connection, migration, cancellationToken);
            }
        }
        finally
        {
            await SessionState.ClearAsync(connection);
        }
    }

    /// <summary>True when every known migration is recorded as applied in the database.</summary>
    public async Task<bool> AllAppliedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select to_regclass('schema_migrations') is not null", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return false;
        }

        var applied = await LoadApplied(connection, cancellationToken);
        return sources.SelectMany(s => s.Load()).All(m => applied.ContainsKey((m.Module, m.Name)));
    }

    private async Task ApplyOne(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        logger.LogInformation("Applying migration {Module}/{Name}", migration.Module, migration.Name);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, migration.Sql, cancellationToken);
        await Execute(connection, "insert into schema_migrations (module, name, checksum) values ($1, $2, $3)",
            cancellationToken, migration.Module, migration.Name, migration.Checksum);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<(string, string), string>> LoadApplied(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<(string, string), string>();
        await using var command = new NpgsqlCommand("select module, name, checksum from schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        }

        return applied;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
