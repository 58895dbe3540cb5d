using Microsoft.AspNetCore.Hosting;
using Onestop.Documents.Tests.Signatures;
using Onestop.TestSupport;

namespace Onestop.Documents.Tests.Grpc;

/// <summary>The host on loopback ports with a blob folder of its own, trusting the root of <see cref="Pki"/>.</summary>
public sealed class DocumentServer : PlatformServer
{
    internal static readonly TestPki Pki = TestPki.Create("Ban Cơ yếu Chính phủ");

    public string BlobRoot { get; } = Directory.CreateTempSubdirectory("onestop-exchange-blobs-").FullName;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(BlobRoot, recursive: true);
    }

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Documents:StorageRoot", BlobRoot);
        builder.UseSetting("Documents:Signatures:TrustedRoots:0", Pki.Root.ExportCertificatePem());
    }
}
