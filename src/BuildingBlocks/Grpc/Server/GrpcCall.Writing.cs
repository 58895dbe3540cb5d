using System.Runtime.CompilerServices;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Onestop.Grpc.Wire;

namespace Onestop.Grpc.Server;

internal sealed partial class GrpcCall
{
    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        await EnterWriteAsync();
        try
        {
            if (_headersStarted)
            {
                throw new InvalidOperationException("Response headers were already sent.");
            }

            foreach (var entry in responseHeaders)
            {
                if (entry.Key == GrpcHeaders.InternalEncodingRequest)
                {
                    _responseGzip = _clientAcceptsGzip && entry.Value.Equals(MessageCompression.Gzip, StringComparison.OrdinalIgnoreCase);
                    continue;
                }

                ResponseHeaders.AppendMetadata(_http.Response.Headers, entry);
            }

            StartResponse();
            await _http.Response.BodyWriter.FlushAsync(CancellationToken);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    /// <summary>Writes one response; a streaming response is flushed at once, a unary one goes out with the trailers.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteMessageAsync(IMessage message, WriteOptions? options, bool flush, CancellationToken cancellationToken)
    {
        await EnterWriteAsync();
        try
        {
            StartResponse();
            var flags = (options ?? WriteOptions)?.Flags ?? 0;
            var compress = _responseGzip && (flags & WriteFlags.NoCompress) == 0;
            // One GetSpan and one Advance per message: Kestrel refuses a second Advance before the response starts.
            var writer = _http.Response.BodyWriter;
            if (compress)
            {
                var compressed = MessageCompression.Compress(message.ToByteArray(), _options.ResponseCompressionLevel);
                var span = writer.GetSpan(MessageFrame.PrefixLength + compressed.Length);
                MessageFrame.WritePrefix(span, compressed: true, compressed.Length);
                compressed.CopyTo(span[MessageFrame.PrefixLength..]);
                writer.Advance(MessageFrame.PrefixLength + compressed.Length);
            }
            else
            {
                var size = message.CalculateSize();
                var span = writer.GetSpan(MessageFrame.PrefixLength + size);
                MessageFrame.WritePrefix(span, compressed: false, size);
                message.WriteTo(span.Slice(MessageFrame.PrefixLength, size));
                writer.Advance(MessageFrame.PrefixLength + size);
            }

            if (flush)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    /// <summary>Ends the call with its status: as trailers after the responses, or Trailers-Only when nothing was sent.</summary>
    public async Task CompleteAsync(Status status, Metadata? trailers, byte[]? statusDetails)
    {
        await EnterWriteAsync(ignoreCompleted: true);
        try
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            if (_http.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            if (_headersStarted)
            {
                ResponseHeaders.WriteStatusAsTrailers(_http.Response, status, trailers, statusDetails);
            }
            else
            {
                ResponseHeaders.WriteTrailersOnly(_http.Response, status, trailers, statusDetails);
            }

            if (HasDeadline)
            {
                // The adapter may still be running: end the HTTP/2 stream now rather than when it returns.
                await _http.Response.CompleteAsync();
            }
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    private void StartResponse()
    {
        if (_headersStarted)
        {
            return;
        }

        _headersStarted = true;
        var response = _http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcHeaders.ContentType;
        if (_responseGzip)
        {
            response.Headers.GrpcEncoding = MessageCompression.Gzip;
        }

        response.Headers.GrpcAcceptEncoding = MessageCompression.AcceptEncoding;
    }

    /// <summary>Completes at once for a call without a deadline (no gate): the path of most calls, with no await.</summary>
    private ValueTask EnterWriteAsync(bool ignoreCompleted = false)
    {
        if (_writeGate is not null)
        {
            return EnterGateAsync(ignoreCompleted);
        }

        ThrowIfCompleted(ignoreCompleted);
        return ValueTask.CompletedTask;
    }

    private async ValueTask EnterGateAsync(bool ignoreCompleted)
    {
        await _writeGate!.WaitAsync(CancellationToken.None);
        ThrowIfCompleted(ignoreCompleted);
    }

    private void ThrowIfCompleted(bool ignoreCompleted)
    {
        if (_completed && !ignoreCompleted)
        {
            _writeGate?.Release();
            CancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException("The call has already ended.");
        }
    }
}
