using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Onestop.Grpc.Auth;

/// <summary>
/// Authenticates by the "x-api-key" header against the configured SHA-256 hashes. Every configured hash is
/// compared, in constant time, so timing tells nothing about which key or how much of it matched.
/// </summary>
internal sealed class ApiKeyAuthenticator : IGrpcAuthenticator
{
    public const string HeaderName = "x-api-key";

    private readonly (byte[] Hash, GrpcCaller Caller)[] _keys;

    public ApiKeyAuthenticator(IOptions<GrpcOptions> options)
    {
        _keys = options.Value.ApiKeys.Select(Parse).ToArray();
    }

    public ValueTask<GrpcCaller?> AuthenticateAsync(HttpContext httpContext)
    {
        var presented = httpContext.Request.Headers[HeaderName];
        if (presented.Count != 1 || string.IsNullOrEmpty(presented[0]))
        {
            return ValueTask.FromResult<GrpcCaller?>(null);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented[0]!), hash);
        GrpcCaller? match = null;
        foreach (var (expected, caller) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match = caller;
            }
        }

        return ValueTask.FromResult(match);
    }

    private static (byte[], GrpcCaller) Parse(ApiKeyOptions key)
    {
        byte[] hash;
        try
        {
            hash = Convert.FromHexString(key.Sha256);
        }
        catch (FormatException)
        {
            hash = [];
        }

        if (hash.Length != SHA256.HashSizeInBytes || string.IsNullOrWhiteSpace(key.Caller))
        {
            throw new OptionsValidationException(GrpcOptions.SectionName, typeof(GrpcOptions),
                [$"Grpc:ApiKeys: each key needs a Caller and a Sha256 of 64 hex digits (caller '{key.Caller}')."]);
        }

        return (hash, new GrpcCaller(key.Caller, key.Permissions.ToArray()));
    }
}
