using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features;
using Onestop.Dossiers.Features.Forms;
using Onestop.Dossiers.Features.Intake;
using Onestop.Dossiers.Projections;
using Onestop.EventStore;
using Onestop.EventStore.Projections;
using Onestop.Grpc;
using Onestop.Messaging;
using Onestop.Postgres;
using Onestop.Postgres.Migrations;

namespace Onestop.Dossiers;

/// <summary>Settings under "Dossiers" (see docs/dossiers.md).</summary>
public sealed class DossierOptions
{
    /// <summary>The dossier code layout; see <see cref="DossierCodePattern"/>.</summary>
    public string CodePattern { get; set; } = DossierCodePattern.Default;

    /// <summary>How far ahead the "due soon" work queue looks.</summary>
    public int DueSoonHours { get; set; } = 48;

    /// <summary>The place name (địa danh) of the forms' date line, e.g. "Hà Tĩnh"; left blank to be written by hand.</summary>
    public string? FormPlace { get; set; }
}

/// <summary>The dossiers module: intake, codes, deadlines, transitions, work queues. Builds on the catalogue (call AddCatalogue too).</summary>
public static class DossiersModule
{
    public static IServiceCollection AddDossiers(this IServiceCollection services)
    {
        DapperTypeHandlers.Register();
        services.AddSingleton(new MigrationSource("dossiers", typeof(DossiersModule).Assembly));
        services.AddEventTypes(DossierEventNames.Register);
        services.AddSingleton<IInlineProjection, DossierProjection>();
        services.AddOptions<DossierOptions>().BindConfiguration("Dossiers")
            .Validate(o => o.DueSoonHours > 0, "Dossiers:DueSoonHours must be positive.")
            .Validate(o => DossierCodePattern.Parse(o.CodePattern) is not null, "Dossiers:CodePattern is not a valid pattern.")
            .ValidateOnStart();
        services.AddSingleton(provider => DossierCodePattern.Parse(provider.GetRequiredService<IOptions<DossierOptions>>().Value.CodePattern));
        services.AddScoped<DossierWorkflow>();
        services.AddScoped<PersonalDataAccess>();
        services.AddScoped<IntakeChecks>();
        services.AddScoped<DossierCodeAllocator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMessaging(typeof(DossiersModule).Assembly);
        services.AddSingleton<Features.Sync.DossierChangeFeed>();
        services.AddSingleton<Features.Lookup.StatusPermalinks>();
        services.AddOptions<Features.Lookup.LookupOptions>().BindConfiguration("Dossiers:Lookup")
            .Validate(o => o.PermitsPerMinute > 0 && o.FailuresPerCodePerHour > 0, "Dossiers:Lookup limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<Features.Lookup.LookupRateLimiter>();
        services.AddScoped<Features.Forms.DossierPapers>();
        services.AddGrpcService<Grpc.DossierAuditService>(Contracts.Dossiers.V1.AuditReflection.Descriptor.Services[0]);
        services.AddGrpcService<Grpc.DossierSyncService>(Contracts.Dossiers.V1.DossierSyncReflection.Descriptor.Services[0]);
        return services;
    }

    public static IEndpointRouteBuilder MapDossiers(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDossierApi();
        endpoints.MapDossierForms();
        Features.Audit.DossierAuditEndpoints.MapDossierAudit(endpoints);
        Features.Lookup.LookupEndpoints.MapDossierLookup(endpoints);
        return endpoints;
    }
}
