using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Onestop.EventStore;
using Onestop.Messaging.Http;
using Onestop.Postgres;
using Onestop.Postgres.Migrations;
using Onestop.TestSupport;
using MediatR;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Onestop.Messaging.Tests;

/// <summary>A small web host with the real pipeline and a fresh database: REST edge, mediator, event store.</summary>
public sealed class MessagingHost : IAsyncLifetime
{
    public WebApplication App { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("messaging");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(_ => PlatformDatabase.CreateDataSource(connectionString));
        builder.Services.AddEventStore();
        builder.Services.AddMessaging(typeof(MessagingHost).Assembly);
        builder.Services.AddHttpErrorHandling();
        builder.Services.AddSingleton<MigrationRunner>();
        App = builder.Build();
        App.Services.GetRequiredService<EventTypeRegistry>().Register<ApplicationFiled>("test.application_filed.v1");
        DataSource = App.Services.GetRequiredService<NpgsqlDataSource>();
        await App.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
        await using (var command = DataSource.CreateCommand("create table application_view (id text primary key, applicant text not null)"))
        {
            await command.ExecuteNonQueryAsync();
        }

        App.UseHttpErrorHandling();
        App.MapPost("/applications", async (FileApplication command, IMediator mediator) => Results.Ok(await mediator.Send(command)));
        await App.StartAsync();
    }

    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
