using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Onestop.Grpc.Wire;

namespace Onestop.Grpc.Server;

/// <summary>Puts a call's status and metadata on the wire, as HTTP/2 trailers or as a Trailers-Only response.</summary>
internal static class ResponseHeaders
{
    /// <summary>
    /// A call that ends before any response: one HEADERS frame with END_STREAM carrying :status 200, the
    /// content-type and the status (Kestrel sends the headers alone with END_STREAM when no body was written).
    /// </summary>
    public static void WriteTrailersOnly(HttpResponse response, Status status, Metadata? trailers, byte[]? statusDetails)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcHeaders.ContentType;
        var headers = response.Headers;
        headers.GrpcStatus = StatusText(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            headers.GrpcMessage = PercentEncoding.Encode(status.Detail);
        }

        if (statusDetails is not null)
        {
            headers[GrpcHeaders.StatusDetails] = BinaryHeaderValue.Encode(statusDetails);
        }

        if (trailers is not null)
        {
            foreach (var entry in trailers)
            {
                AppendMetadata(headers, entry);
            }
        }
    }

    public static void WriteStatusAsTrailers(HttpResponse response, Status status, Metadata? trailers, byte[]? statusDetails)
    {
        // The typed properties of known trailer names skip the lookup by name that AppendTrailer makes each time.
        var sent = response.HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
            ?? throw new InvalidOperationException("This response cannot carry trailers: gRPC needs HTTP/2.");
        sent.GrpcStatus = StatusText(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            sent.GrpcMessage = PercentEncoding.Encode(status.Detail);
        }

        if (statusDetails is not null)
        {
            sent.Append(GrpcHeaders.StatusDetails, BinaryHeaderValue.Encode(statusDetails));
        }

        if (trailers is not null)
        {
            foreach (var entry in trailers)
            {
                AppendMetadata(sent, entry);
            }
        }
    }

    /// <summary>Adds handler metadata to response headers; transport headers are the transport's and are skipped.</summary>
    public static void AppendMetadata(IHeaderDictionary headers, Metadata.Entry entry)
    {
        if (!GrpcHeaders.IsReserved(entry.Key))
        {
            headers.Append(entry.Key, EncodeValue(entry));
        }
    }

    private static StringValues EncodeValue(Metadata.Entry entry) =>
        entry.IsBinary ? BinaryHeaderValue.Encode(entry.ValueBytes) : entry.Value;

    private static readonly string[] StatusTexts = Enumerable.Range(0, 17).Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string StatusText(StatusCode code) =>
        (uint)code < StatusTexts.Length ? StatusTexts[(int)code] : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
