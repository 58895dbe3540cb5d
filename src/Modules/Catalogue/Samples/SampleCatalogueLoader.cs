using System.Text.Json;
using Dapper;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Onestop.Catalogue.Features.ImportExport;
using Onestop.EventStore;
using Onestop.Messaging;

namespace Onestop.Catalogue.Samples;

/// <summary>
/// On a catalogue with no fields at all, imports the sample catalogue when <c>Catalogue:LoadSampleOnEmpty</c> is true.
/// The host applies migrations before it starts hosted services, so the tables exist here. A restart finds fields and
/// loads nothing; the import itself is idempotent besides.
/// </summary>
internal sealed class SampleCatalogueLoader(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<SampleCatalogueLoader> logger) : IHostedService
{
    public const string DefaultPath = "samples/catalogue.json";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Catalogue:LoadSampleOnEmpty", false))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var dataSource = scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>();
        await using (var db = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            if (await db.ExecuteScalarAsync<bool>("select exists (select 1 from catalogue_fields)"))
            {
                return;
            }
        }

        var path = Path.Combine(AppContext.BaseDirectory, configuration["Catalogue:SamplePath"] ?? DefaultPath);
        await using var stream = File.OpenRead(path);
        var file = await JsonSerializer.DeserializeAsync<CatalogueFile>(stream, EventTypeRegistry.SerializerOptions, cancellationToken)
            ?? throw new InvalidDataException($"{path} is empty.");
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.Actor = "system:sample-catalogue";
        context.IsSystem = true;
        var summary = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ImportCatalogue(file), cancellationToken);
        logger.LogInformation(
            "Empty catalogue: loaded the sample from {Path}: {Fields} fields, {Units} units, {Procedures} procedures ({Events} events)",
            path, summary.FieldsDefined, summary.UnitsRegistered, summary.ProceduresCreated, summary.EventsAppended);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
