using Google.Protobuf;
using Grpc.Testing;
using MediatR;

namespace Onestop.Grpc.InteropServer.Features;

/// <summary>The work behind UnaryCall: a response carrying a payload of the size asked for.</summary>
public sealed record AnswerUnary(SimpleRequest Request, string? CallerName) : IRequest<SimpleResponse>;

internal sealed class AnswerUnaryHandler : IRequestHandler<AnswerUnary, SimpleResponse>
{
    public Task<SimpleResponse> Handle(AnswerUnary command, CancellationToken cancellationToken)
    {
        var response = new SimpleResponse { Payload = Payloads.Zeros(command.Request.ResponseSize) };
        if (command.Request.FillUsername && command.CallerName is not null)
        {
            response.Username = command.CallerName;
        }

        return Task.FromResult(response);
    }
}

internal static class Payloads
{
    public static Payload Zeros(int size) => new()
    {
        Type = PayloadType.Compressable,
        Body = size == 0 ? ByteString.Empty : ByteString.CopyFrom(new byte[size]),
    };
}
