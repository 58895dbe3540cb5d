using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Onestop.Errors;

namespace Onestop.Messaging.Http;

/// <summary>REST edge: a correlation id per request, and every exception answered as RFC 9457 problem details.</summary>
public static class HttpErrorHandling
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public static IServiceCollection AddHttpErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<AppExceptionHandler>();
        // Unreadable bodies reach the exception handler, so they too are answered as problem details.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseHttpErrorHandling(this IApplicationBuilder app)
    {
        app.Use(async (http, next) =>
        {
            var context = http.RequestServices.GetRequiredService<RequestContext>();
            var incoming = http.Request.Headers[CorrelationHeader].ToString();
            if (RequestContext.IsAcceptable(incoming))
            {
                context.CorrelationId = incoming;
            }

            http.Response.Headers[CorrelationHeader] = context.CorrelationId;
            await next(http);
        });
        app.UseExceptionHandler();
        return app;
    }

    private sealed class AppExceptionHandler(ILogger<AppExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
        {
            var correlationId = http.RequestServices.GetService<RequestContext>()?.CorrelationId;
            var problem = exception switch
            {
                AppException app => ProblemDetailsMapping.ToProblemDetails(app, correlationId),
                BadHttpRequestException bad => ProblemDetailsMapping.ToProblemDetails(
                    AppException.Validation("body", "Yêu cầu không đọc được: " + bad.Message), correlationId),
                _ => ProblemDetailsMapping.Unexpected(correlationId),
            };
            if (exception is not AppException and not BadHttpRequestException)
            {
                logger.LogError(exception, "Unhandled error {CorrelationId}", correlationId);
            }

            if (correlationId is not null)
            {
                // The exception handler cleared the response, headers included.
                http.Response.Headers[CorrelationHeader] = correlationId;
            }

            if (exception is AppException { Kind: ErrorKind.TooManyRequests })
            {
                http.Response.Headers.RetryAfter = "60";
            }

            http.Response.StatusCode = problem.Status!.Value;
            await http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
            return true;
        }
    }
}
