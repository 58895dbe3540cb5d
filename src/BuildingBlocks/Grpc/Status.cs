namespace Onestop.Grpc;

/// <summary>How a call ended: a code and a message for the caller (sent percent-encoded in grpc-message).</summary>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    public static readonly Status DefaultSuccess = new(StatusCode.OK, string.Empty);
}
