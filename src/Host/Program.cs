using Onestop.Accounts;
using Onestop.Catalogue;
using Onestop.Documents;
using Onestop.Dossiers;
using Onestop.EventStore;
using Onestop.Grpc;
using Onestop.Grpc.Health;
using Onestop.Host;
using Onestop.Host.Health;
using Onestop.Messaging;
using Onestop.Messaging.Http;
using Onestop.Postgres;
using Onestop.Postgres.Migrations;
using Onestop.Statistics;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));

using var startupLoggers = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
var startupLogger = startupLoggers.CreateLogger("Onestop.Startup");
await builder.AddPlatformDatabaseAsync(startupLogger);

builder.Services.AddEventStore();
builder.Services.AddMessaging(typeof(Program).Assembly);
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
builder.Services.AddCatalogue();
builder.Services.AddDossiers();
builder.Services.AddDocuments();
builder.Services.AddStatistics();
builder.Services.AddHttpErrorHandling();
builder.Services.AddPlatformAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddPlatformHealth();
builder.Services.AddOpenApi(PlatformOpenApi.DocumentName, PlatformOpenApi.Configure);
builder.Services.AddGrpcTransport(builder.Configuration);
builder.Services.AddSingleton<IReadinessProbe, GrpcReadiness>();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureGrpcEndpoint());

var app = builder.Build();
var embedded = app.Services.GetService<Onestop.Postgres.Embedded.EmbeddedPostgres>();
try
{
    await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
    await app.Services.StartAccountsAsync();

    app.UseHttpErrorHandling();
    app.UseAdminUi();
    app.UsePlatformAuthentication();
    app.UsePlatformAuthorization();
    app.MapPlatformHealth();
    app.MapPlatformOpenApi();
    app.MapAccounts();
    app.MapCatalogue();
    app.MapDossiers();
    app.MapDocuments();
    app.MapStatistics();
    app.MapGrpcServices().RequireHost($"*:{GrpcReadiness.Port(app.Configuration)}");

    app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, startupLogger));
    await app.RunAsync();
}
finally
{
    // Covers a failure before the host ran (e.g. a migration error): the embedded cluster is still stopped.
    if (embedded is not null)
    {
        await embedded.StopAsync();
    }
}

/// <summary>The host's entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
