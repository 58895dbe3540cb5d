using Grpc.Health.V1;
using Microsoft.Extensions.Options;
using Onestop.Grpc.Binding;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Onestop.Grpc.Health;

/// <summary>
/// grpc.health.v1.Health. The server ("") and each of its services are SERVING while the readiness probe says
/// ready, NOT_SERVING otherwise. Watch polls the probe and streams each change.
/// </summary>
internal sealed class HealthService(IReadinessProbe probe, GrpcServiceRegistry registry, IOptions<GrpcOptions> options)
{
    public async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (!IsKnown(request.Service))
        {
            throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
        }

        return new HealthCheckResponse { Status = await StatusAsync(context.CancellationToken) };
    }

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        var known = IsKnown(request.Service);
        ServingStatus? last = null;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var current = known ? await StatusAsync(context.CancellationToken) : ServingStatus.ServiceUnknown;
            if (current != last)
            {
                await responses.WriteAsync(new HealthCheckResponse { Status = current });
                last = current;
            }

            await Task.Delay(options.Value.HealthPollInterval, context.CancellationToken);
        }
    }

    private bool IsKnown(string service) => service.Length == 0 || registry.ServiceNames.Contains(service);

    private async Task<ServingStatus> StatusAsync(CancellationToken cancellationToken) =>
        await probe.IsReadyAsync(cancellationToken) ? ServingStatus.Serving : ServingStatus.NotServing;
}
