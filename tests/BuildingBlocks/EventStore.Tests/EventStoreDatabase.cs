using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Onestop.EventStore.Projections;
using Onestop.Postgres;
using Onestop.Postgres.Migrations;
using Onestop.TestSupport;
using Xunit;

namespace Onestop.EventStore.Tests;

/// <summary>A fresh database with the event store's schema, one per test class.</summary>
public sealed class EventStoreDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public EventTypeRegistry Types { get; } = TestEvents.Registry();

    public EventNotifier Notifier { get; private set; } = null!;

    public EventStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("eventstore");
        DataSource = PlatformDatabase.CreateDataSource(ConnectionString);
        await new MigrationRunner(DataSource, [new MigrationSource("eventstore", typeof(EventStore).Assembly)], NullLogger<MigrationRunner>.Instance)
            .ApplyAsync();
        Notifier = new EventNotifier(DataSource);
        Store = CreateStore([]);
    }

    public EventStore CreateStore(IEnumerable<IInlineProjection> inlineProjections) => new(DataSource, Types, inlineProjections, Notifier);

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task DisposeAsync()
    {
        await Notifier.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
