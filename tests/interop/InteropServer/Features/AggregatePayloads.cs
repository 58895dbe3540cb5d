using Grpc.Testing;
using MediatR;

namespace Onestop.Grpc.InteropServer.Features;

/// <summary>The work behind StreamingInputCall: the total size of the payloads the client streamed.</summary>
public sealed record AggregatePayloads(IReadOnlyList<int> PayloadSizes) : IRequest<StreamingInputCallResponse>;

internal sealed class AggregatePayloadsHandler : IRequestHandler<AggregatePayloads, StreamingInputCallResponse>
{
    public Task<StreamingInputCallResponse> Handle(AggregatePayloads command, CancellationToken cancellationToken) =>
        Task.FromResult(new StreamingInputCallResponse { AggregatedPayloadSize = command.PayloadSizes.Sum() });
}
