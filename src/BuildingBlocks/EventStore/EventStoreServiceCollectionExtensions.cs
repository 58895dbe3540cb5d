using Microsoft.Extensions.DependencyInjection;
using Onestop.EventStore.Hashing;
using Onestop.EventStore.Projections;
using Onestop.Postgres.Migrations;

namespace Onestop.EventStore;

public static class EventStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the event store over the container's NpgsqlDataSource: the store, a scoped session (the unit of
    /// work), the type registry, the verifier, its migrations and the async projection daemon.
    /// </summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services, ProjectionOptions? projectionOptions = null)
    {
        services.AddSingleton(provider =>
        {
            var registry = new EventTypeRegistry();
            foreach (var registration in provider.GetServices<EventTypeRegistration>())
            {
                registration.Register(registry);
            }

            return registry;
        });
        services.AddSingleton<EventNotifier>();
        services.AddSingleton<EventStore>();
        services.AddSingleton<Feeds.EventFeed>();
        services.AddSingleton<HashChainVerifier>();
        services.AddSingleton(projectionOptions ?? new ProjectionOptions());
        services.AddScoped(provider => provider.GetRequiredService<EventStore>().OpenSession());
        services.AddSingleton(new MigrationSource("eventstore", typeof(EventStore).Assembly));
        services.AddSingleton<ProjectionDaemon>();
        services.AddHostedService(provider => provider.GetRequiredService<ProjectionDaemon>());
        return services;
    }

    /// <summary>A module's event types, registered into the store's <see cref="EventTypeRegistry"/> when it is built.</summary>
    public static IServiceCollection AddEventTypes(this IServiceCollection services, Action<EventTypeRegistry> register) =>
        services.AddSingleton(new EventTypeRegistration(register));
}

/// <summary>One module's contribution to the event type registry.</summary>
public sealed record EventTypeRegistration(Action<EventTypeRegistry> Register);
