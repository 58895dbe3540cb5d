using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Messaging.Behaviours;

namespace Onestop.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// MediatR 5 over Microsoft DI with the pipeline, outermost first: logging, authorization, validation, unit of work.
    /// Call once per module with the module's assembly; handlers and validators in it are registered.
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, params Assembly[] assemblies)
    {
        if (!services.Any(d => d.ServiceType == typeof(IMediator)))
        {
            services.AddScoped<ServiceFactory>(provider => provider.GetService!);
            services.AddScoped<IMediator, Mediator>();
            services.AddHttpContextAccessor();
            services.AddScoped(provider => new RequestContext(provider.GetService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()));
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehaviour<,>));
        }

        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(IsHandlerOrValidator))
            {
                // A validator builds its rules, compiling an expression per property, when constructed: once is enough
                // (validators hold no state and take no dependencies). Handlers take scoped services: one per request.
                if (contract.GetGenericTypeDefinition() == typeof(IValidator<>))
                {
                    services.AddSingleton(contract, type);
                }
                else
                {
                    services.AddTransient(contract, type);
                }
            }
        }

        return services;
    }

    private static bool IsHandlerOrValidator(Type contract)
    {
        if (!contract.IsGenericType)
        {
            return false;
        }

        var definition = contract.GetGenericTypeDefinition();
        return definition == typeof(IRequestHandler<,>) || definition == typeof(INotificationHandler<>) || definition == typeof(IValidator<>);
    }
}
