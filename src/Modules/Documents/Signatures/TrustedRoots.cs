using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Onestop.Documents.Signatures;

/// <summary>Loads the root certificates signer chains must reach, from Documents:Signatures (folder and inline PEM).</summary>
internal static class TrustedRoots
{
    private static readonly string[] FileExtensions = [".pem", ".crt", ".cer", ".der"];

    public static X509Certificate2Collection Load(SignatureOptions options)
    {
        var roots = new X509Certificate2Collection();
        for (var i = 0; i < options.TrustedRoots.Count; i++)
        {
            roots.AddRange(Read(Encoding.ASCII.GetBytes(options.TrustedRoots[i]), $"Documents:Signatures:TrustedRoots:{i}"));
        }

        if (options.TrustedRootsFolder is { } folder)
        {
            var files = Directory.EnumerateFiles(folder)
                .Where(f => FileExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                roots.AddRange(Read(File.ReadAllBytes(file), file));
            }
        }

        return roots;
    }

    // A misconfigured root would silently turn every signature untrusted, so an unreadable one stops the start instead.
    private static X509Certificate2Collection Read(byte[] data, string source)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            var text = Encoding.ASCII.GetString(data);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                certificates.ImportFromPem(text);
            }
            else
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(data));
            }
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"Trusted root certificate {source} cannot be read: {e.Message}", e);
        }

        return certificates.Count > 0 ? certificates : throw new InvalidOperationException($"Trusted root certificate {source} holds no certificate.");
    }
}
