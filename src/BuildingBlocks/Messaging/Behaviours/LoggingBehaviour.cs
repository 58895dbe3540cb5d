using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using Onestop.Errors;

namespace Onestop.Messaging.Behaviours;

/// <summary>Logs every request with its correlation id, outcome and duration. Request bodies are not logged: they hold personal data.</summary>
public sealed class LoggingBehaviour<TRequest, TResponse>(RequestContext context, ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        using var scope = logger.BeginScope("{CorrelationId} {Request}", context.CorrelationId, name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogInformation("{Request} handled in {ElapsedMs:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (AppException e)
        {
            logger.LogInformation("{Request} refused ({Code}) in {ElapsedMs:0.0} ms", name, e.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{Request} failed in {ElapsedMs:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
