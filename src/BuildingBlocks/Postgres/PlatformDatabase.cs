using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Onestop.Postgres.Embedded;
using Onestop.Postgres.Migrations;

namespace Onestop.Postgres;

/// <summary>
/// The platform's database: the server named by ConnectionStrings:Platform, or else an embedded cluster this
/// host starts under .data/ and stops when it stops.
/// </summary>
public static class PlatformDatabase
{
    public const string ConnectionStringName = "Platform";

    /// <summary>Resolves (or starts) the database and registers the NpgsqlDataSource and the migration runner.</summary>
    public static async Task AddPlatformDatabaseAsync(this IHostApplicationBuilder builder, ILogger logger, CancellationToken cancellationToken = default)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var embedded = await EmbeddedPostgres.StartAsync(EmbeddedOptions(builder.Configuration), logger, cancellationToken);
            connectionString = embedded.ConnectionString;
            builder.Services.AddSingleton(embedded);
            // Registered before every other hosted service, so it is stopped after all of them.
            builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, EmbeddedPostgresLifetime>());
        }
        else
        {
            logger.LogInformation("Using the PostgreSQL server configured in ConnectionStrings:{Name}", ConnectionStringName);
        }

        builder.Services.AddSingleton(_ => CreateDataSource(connectionString));
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddHostedService<PlannerStatisticsService>();
    }

    /// <summary>
    /// The platform's pool: statements prepared automatically, and connections not reset when they go back to the
    /// pool. Npgsql's reset (DISCARD ALL, or its parts when statements are prepared, sent ahead of the next user's
    /// first statement) made a 10-event append a third slower; nothing of ours leaves session state behind except
    /// the session advisory locks and the listen connection, which clear it themselves (<see cref="SessionState"/>).
    /// A connection string that sets either option keeps its own choice.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            settings.MaxAutoPrepare = 50;
        }

        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            settings.NoResetOnClose = true;
        }

        return new NpgsqlDataSourceBuilder(settings.ConnectionString).Build();
    }

    private static EmbeddedPostgresOptions EmbeddedOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection("Postgres:Embedded");
        return new EmbeddedPostgresOptions
        {
            RootDirectory = section["DataDirectory"] is { Length: > 0 } dir ? dir : Path.Combine(".data", "postgres"),
            Port = int.TryParse(section["Port"], CultureInfo.InvariantCulture, out var port) ? port : 54329,
            Database = section["Database"] is { Length: > 0 } db ? db : "onestop",
            BinDirectory = configuration["Postgres:BinDirectory"],
        };
    }

    private sealed class EmbeddedPostgresLifetime(EmbeddedPostgres embedded) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => embedded.StopAsync();
    }
}
