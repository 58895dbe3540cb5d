using Microsoft.AspNetCore.Http;
using Onestop.Grpc.Wire;

namespace Onestop.Grpc.Server;

/// <summary>Turns request headers into the metadata an adapter sees.</summary>
internal static class RequestMetadata
{
    public static Metadata Read(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (GrpcHeaders.IsReserved(key))
            {
                continue;
            }

            var binary = Metadata.IsBinaryKey(key);
            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (!binary)
                {
                    metadata.Add(new Metadata.Entry(key, value, null));
                    continue;
                }

                // A peer may join several binary values of one key with commas.
                foreach (var part in value.Split(','))
                {
                    if (!BinaryHeaderValue.TryDecode(part, out var bytes))
                    {
                        throw new RpcException(StatusCode.Internal, $"Header '{key}' is not valid base64.");
                    }

                    metadata.Add(new Metadata.Entry(key, null, bytes));
                }
            }
        }

        return metadata;
    }
}
