using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Onestop.Documents.Signatures;

/// <summary>Settings under "Documents:Signatures" (see docs/signatures.md).</summary>
public sealed class SignatureOptions
{
    /// <summary>A folder of trusted root certificates, PEM or DER (*.pem, *.crt, *.cer, *.der); a PEM file may hold several.</summary>
    public string? TrustedRootsFolder { get; set; }

    /// <summary>Trusted root certificates written inline as PEM ("-----BEGIN CERTIFICATE-----").</summary>
    public List<string> TrustedRoots { get; set; } = [];

    /// <summary>NoCheck by default: the platform runs offline, and an online check that cannot reach the CA would refuse every signature.</summary>
    public X509RevocationMode RevocationMode { get; set; } = X509RevocationMode.NoCheck;

    /// <summary>The largest document checked; it is streamed, so this bounds the hashing work a check may cause, not memory.</summary>
    public long MaxContentBytes { get; set; } = 50L * 1024 * 1024;
}

internal static class SignatureServices
{
    public static IServiceCollection AddSignatureVerification(this IServiceCollection services)
    {
        services.AddOptions<SignatureOptions>().BindConfiguration("Documents:Signatures")
            .Validate(o => o.MaxContentBytes > 0, "Documents:Signatures:MaxContentBytes must be positive.")
            .Validate(o => o.TrustedRootsFolder is null || Directory.Exists(o.TrustedRootsFolder), "Documents:Signatures:TrustedRootsFolder does not exist.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SignatureVerifier>();
        return services;
    }
}
