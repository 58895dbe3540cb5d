using Microsoft.AspNetCore.Http;
using Onestop.Grpc.Wire;

namespace Onestop.Grpc.Server;

/// <summary>What a request must be before it is a gRPC call; anything else gets a plain HTTP answer.</summary>
internal static class RequestChecks
{
    /// <summary>False after writing the refusal: HTTP/2 only (426), POST only (405), a gRPC content-type (415).</summary>
    public static bool IsAcceptable(HttpContext http)
    {
        var request = http.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            Refuse(http.Response, StatusCodes.Status426UpgradeRequired, $"gRPC requires HTTP/2; this request is {request.Protocol}.");
            http.Response.Headers.Upgrade = "h2c";
            return false;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            Refuse(http.Response, StatusCodes.Status405MethodNotAllowed, "gRPC calls are POST requests.");
            http.Response.Headers.Allow = HttpMethods.Post;
            return false;
        }

        if (!GrpcHeaders.IsGrpcContentType(request.ContentType))
        {
            // 415, not 200: a plain HTTP client must not take the error for success (PROTOCOL-HTTP2.md).
            Refuse(http.Response, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not a gRPC content type.");
            return false;
        }

        return true;
    }

    private static void Refuse(HttpResponse response, int httpStatus, string message)
    {
        response.StatusCode = httpStatus;
        response.Headers.GrpcStatus = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.GrpcMessage = PercentEncoding.Encode(message);
    }
}
