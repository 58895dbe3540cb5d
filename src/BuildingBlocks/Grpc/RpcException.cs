namespace Onestop.Grpc;

/// <summary>Thrown by an adapter to end the call with a status (and optional trailers) of its choosing.</summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status, Metadata? trailers = null, Exception? inner = null)
        : base($"Status(StatusCode=\"{status.StatusCode}\", Detail=\"{status.Detail}\")", inner)
    {
        Status = status;
        Trailers = trailers ?? [];
    }

    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    public Metadata Trailers { get; }
}
