using Grpc.Testing;
using MediatR;

namespace Onestop.Grpc.InteropServer.Features;

/// <summary>The work behind one streamed response: wait interval_us, then a payload of the size asked for.</summary>
public sealed record AnswerStreamingOutput(ResponseParameters Parameters) : IRequest<StreamingOutputCallResponse>;

internal sealed class AnswerStreamingOutputHandler : IRequestHandler<AnswerStreamingOutput, StreamingOutputCallResponse>
{
    public async Task<StreamingOutputCallResponse> Handle(AnswerStreamingOutput command, CancellationToken cancellationToken)
    {
        if (command.Parameters.IntervalUs > 0)
        {
            await Task.Delay(TimeSpan.FromMicroseconds(command.Parameters.IntervalUs), cancellationToken);
        }

        return new StreamingOutputCallResponse { Payload = Payloads.Zeros(command.Parameters.Size) };
    }
}
