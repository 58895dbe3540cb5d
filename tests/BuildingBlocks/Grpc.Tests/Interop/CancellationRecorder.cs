using System.Collections.Concurrent;

namespace Onestop.Grpc.Tests.Interop;

/// <summary>Remembers which calls' handlers saw their cancellation token fire, by a tag the test chose.</summary>
public sealed class CancellationRecorder
{
    private readonly ConcurrentDictionary<string, bool> _cancelled = new();

    public void Record(string tag) => _cancelled[tag] = true;

    public bool WasCancelled(string tag) => _cancelled.ContainsKey(tag);
}
