using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onestop.Errors;
using Onestop.Grpc.Auth;
using Onestop.Grpc.Binding;
using Onestop.Grpc.Wire;

namespace Onestop.Grpc.Server;

/// <summary>Runs a call from request headers to final status: checks, authentication, deadline, adapter, errors.</summary>
internal sealed partial class GrpcDispatcher(IOptions<GrpcOptions> options, IGrpcAuthenticator authenticator, ILogger<GrpcDispatcher> logger)
{
    private readonly GrpcOptions _options = options.Value;

    public async Task DispatchAsync(HttpContext http, GrpcMethod method)
    {
        if (!RequestChecks.IsAcceptable(http))
        {
            return;
        }

        var encoding = http.Request.Headers.GrpcEncoding.ToString();
        if (encoding.Length > 0 && !MessageCompression.IsSupported(encoding))
        {
            http.Response.Headers.GrpcAcceptEncoding = MessageCompression.AcceptEncoding;
            ResponseHeaders.WriteTrailersOnly(http.Response,
                new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding '{encoding}'; supported: {MessageCompression.AcceptEncoding}."),
                null, null);
            return;
        }

        if (method.Handler is null)
        {
            ResponseHeaders.WriteTrailersOnly(http.Response, new Status(StatusCode.Unimplemented, $"Method {method.Path} is not implemented."), null, null);
            return;
        }

        if (!method.AllowAnonymous && await AuthenticateAsync(http, method) is { } refused)
        {
            ResponseHeaders.WriteTrailersOnly(http.Response, refused, null, null);
            return;
        }

        using var call = new GrpcCall(http, method, _options, encoding.Length > 0 ? encoding : null);
        CallOutcome? outcome;
        if (call.HasDeadline)
        {
            outcome = await RunWithDeadlineAsync(call, method.Handler);
        }
        else
        {
            // Inline rather than in a helper: one async frame less on the path every call takes.
            try
            {
                await method.Handler.HandleAsync(call);
                outcome = new CallOutcome(call.Status, call.ResponseTrailersIfAny);
            }
            catch (Exception exception)
            {
                outcome = Outcome(exception, call);
            }
        }

        if (outcome is { } ended)
        {
            await call.CompleteAsync(ended.Status, ended.Trailers, ended.StatusDetails);
        }
    }

    /// <summary>Null when the deadline passed first: DEADLINE_EXCEEDED already went out.</summary>
    private async Task<CallOutcome?> RunWithDeadlineAsync(GrpcCall call, IMethodHandler handler)
    {
        var running = handler.HandleAsync(call);
        if (!running.IsCompleted && await Task.WhenAny(running, call.DeadlineReached) != running)
        {
            await call.CompleteAsync(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded"), null, null);
            await ObserveAfterDeadlineAsync(running, call);
            return null;
        }

        try
        {
            await running;
            return new CallOutcome(call.Status, call.ResponseTrailersIfAny);
        }
        catch (Exception exception)
        {
            return Outcome(exception, call);
        }
    }

    private CallOutcome Outcome(Exception exception, GrpcCall call)
    {
        switch (exception)
        {
            case RpcException rpc:
                return new CallOutcome(rpc.Status, MergeTrailers(call, rpc.Trailers));
            case AppException app:
                LogAppError(app.Kind, app.Code, call.Method);
                return ErrorStatus.From(app);
            case OperationCanceledException or IOException when call.DeadlineExpired:
                return new CallOutcome(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded"));
            case OperationCanceledException or IOException when call.HttpContext.RequestAborted.IsCancellationRequested:
                return new CallOutcome(new Status(StatusCode.Cancelled, "Cancelled by the client"));
            default:
                var correlationId = call.HttpContext.TraceIdentifier;
                LogUnexpected(exception, call.Method, correlationId);
                return ErrorStatus.Unexpected(correlationId);
        }
    }

    private async Task ObserveAfterDeadlineAsync(Task running, GrpcCall call)
    {
        try
        {
            await running;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or RpcException or InvalidOperationException)
        {
            // Expected: the adapter saw its cancellation, or wrote after the call had ended.
        }
        catch (Exception exception)
        {
            LogUnexpected(exception, call.Method, call.HttpContext.TraceIdentifier);
        }
    }

    private async Task<Status?> AuthenticateAsync(HttpContext http, GrpcMethod method)
    {
        var caller = await authenticator.AuthenticateAsync(http);
        if (caller is null)
        {
            return new Status(StatusCode.Unauthenticated, $"A valid {ApiKeyAuthenticator.HeaderName} is required.");
        }

        if (!caller.MayCall(method.ServiceName, method.Name))
        {
            LogDenied(caller.Name, method.Permission);
            return new Status(StatusCode.PermissionDenied, $"Caller '{caller.Name}' may not call {method.Permission}.");
        }

        http.Features.Set(caller);
        http.User = caller.Principal;
        return null;
    }

    private static Metadata MergeTrailers(GrpcCall call, Metadata thrown)
    {
        if (call.ResponseTrailersIfAny is not { Count: > 0 })
        {
            return thrown;
        }

        foreach (var entry in thrown)
        {
            call.ResponseTrailers.Add(entry);
        }

        return call.ResponseTrailers;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC call {Method} failed unexpectedly (correlation id {CorrelationId})")]
    private partial void LogUnexpected(Exception exception, string method, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "gRPC call {Method} ended with {Kind} ({Code})")]
    private partial void LogAppError(ErrorKind kind, string code, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "gRPC caller {Caller} was refused {Permission}")]
    private partial void LogDenied(string caller, string permission);
}
