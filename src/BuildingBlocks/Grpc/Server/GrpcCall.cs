using Microsoft.AspNetCore.Http;
using Onestop.Grpc.Binding;
using Onestop.Grpc.Wire;

namespace Onestop.Grpc.Server;

/// <summary>
/// One call in flight: its deadline and cancellation, reading requests, writing responses and the final status.
/// The adapter sees it as its ServerCallContext.
/// </summary>
internal sealed partial class GrpcCall : ServerCallContext, IDisposable
{
    private readonly HttpContext _http;
    private readonly GrpcMethod _method;
    private readonly GrpcOptions _options;
    private readonly bool _requestIsGzip;
    private readonly bool _clientAcceptsGzip;
    private readonly DateTime _deadline = DateTime.MaxValue;
    private readonly CancellationTokenSource? _deadlineTimer;
    private readonly CancellationTokenSource? _linked;
    private readonly TaskCompletionSource? _deadlineReached;
    private readonly SemaphoreSlim? _writeGate;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private bool _responseGzip;
    private bool _headersStarted;
    private bool _completed;

    public GrpcCall(HttpContext http, GrpcMethod method, GrpcOptions options, string? requestEncoding)
    {
        _http = http;
        _method = method;
        _options = options;
        _requestIsGzip = requestEncoding is not null && requestEncoding.Equals(MessageCompression.Gzip, StringComparison.OrdinalIgnoreCase);
        _clientAcceptsGzip = MessageCompression.ClientAcceptsGzip(http.Request.Headers.GrpcAcceptEncoding);
        _responseGzip = options.CompressResponses && _clientAcceptsGzip;
        CancellationToken = http.RequestAborted;

        if (GrpcTimeout.TryParse(http.Request.Headers.GrpcTimeout, out var timeout))
        {
            _deadline = DateTime.UtcNow.Add(timeout);
            _deadlineTimer = new CancellationTokenSource(ClampForTimer(timeout));
            _linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _deadlineTimer.Token);
            _deadlineReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _deadlineTimer.Token.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), _deadlineReached);
            // The deadline may end the call while the adapter is still writing: writes and the ending take turns.
            _writeGate = new SemaphoreSlim(1, 1);
            CancellationToken = _linked.Token;
        }
    }

    public GrpcMethod MethodInfo => _method;

    public HttpContext HttpContext => _http;

    /// <summary>Completes when the deadline passes; never completes for a call without one.</summary>
    public Task DeadlineReached => _deadlineReached?.Task ?? Task.Delay(Timeout.Infinite, CancellationToken.None);

    public bool HasDeadline => _deadlineTimer is not null;

    public bool DeadlineExpired => _deadlineTimer?.IsCancellationRequested == true;

    public override string Method => _method.Path;

    public override string Host => _http.Request.Host.Value ?? string.Empty;

    public override string Peer => _http.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip}]:{_http.Connection.RemotePort}",
        var ip => $"ipv4:{ip}:{_http.Connection.RemotePort}",
    };

    public override DateTime Deadline => _deadline;

    public override Metadata RequestHeaders => _requestHeaders ??= RequestMetadata.Read(_http.Request.Headers);

    public override CancellationToken CancellationToken { get; }

    public override Metadata ResponseTrailers => _responseTrailers ??= [];

    /// <summary>The trailers the adapter added, or null when it added none (most calls: no allocation).</summary>
    public Metadata? ResponseTrailersIfAny => _responseTrailers;

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override WriteOptions? WriteOptions { get; set; }

    public override HttpContext GetHttpContext() => _http;

    public void Dispose()
    {
        _linked?.Dispose();
        _deadlineTimer?.Dispose();
        _writeGate?.Dispose();
    }

    private static TimeSpan ClampForTimer(TimeSpan timeout)
    {
        // CancelAfter takes at most about 49 days; a longer timeout behaves as none.
        var longest = TimeSpan.FromDays(40);
        return timeout > longest ? Timeout.InfiniteTimeSpan : timeout;
    }
}
