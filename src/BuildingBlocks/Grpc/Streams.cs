namespace Onestop.Grpc;

/// <summary>The messages a client streams to the server, read one at a time.</summary>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last MoveNext that returned true.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false once the client has half-closed.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken = default);
}

/// <summary>The messages the server streams back. One write at a time: await each before the next.</summary>
public interface IServerStreamWriter<in T>
{
    /// <summary>Applies to the following writes (e.g. WriteFlags.NoCompress for one message).</summary>
    WriteOptions? WriteOptions { get; set; }

    Task WriteAsync(T message);

    Task WriteAsync(T message, CancellationToken cancellationToken);
}

[Flags]
public enum WriteFlags
{
    /// <summary>Send this message uncompressed even when the call's responses are compressed.</summary>
    NoCompress = 0x2,
}

public sealed record WriteOptions(WriteFlags Flags = 0);
