using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Onestop.Documents.Domain;
using Onestop.Documents.Features;
using Onestop.Documents.Features.ResultDownload;
using Onestop.Documents.Projections;
using Onestop.Documents.Storage;
using Onestop.EventStore;
using Onestop.EventStore.Projections;
using Onestop.Grpc;
using Onestop.Messaging;
using Onestop.Postgres.Migrations;

namespace Onestop.Documents;

/// <summary>Settings under "Documents" (see docs/documents.md).</summary>
public sealed class DocumentOptions
{
    /// <summary>Folder of the file-system blob store, relative to the working directory unless absolute.</summary>
    public string StorageRoot { get; set; } = ".data/documents";

    /// <summary>The largest upload accepted, in bytes (50 MB).</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Where blobs live: <c>FileSystem</c> (under <see cref="StorageRoot"/>) or <c>S3</c> (see <see cref="S3"/>).</summary>
    public BlobStoreKind Store { get; set; } = BlobStoreKind.FileSystem;

    public S3StoreOptions S3 { get; set; } = new();

    /// <summary>
    /// File-system blobs up to this size (8 MiB) are hashed in full before their first byte is handed out, so a
    /// corrupted one is refused with a clear error; larger ones are read once, hashed as they stream, and fail before
    /// their last bytes (<see cref="Storage.HashCheckingReadStream"/>), which keeps a large download at disk speed.
    /// </summary>
    public long VerifyBeforeReadingUpToBytes { get; set; } = 8L * 1024 * 1024;
}

public enum BlobStoreKind
{
    FileSystem,
    S3,
}

/// <summary>The documents module: digital storage of dossier components and signed results (issue 6). Builds on the dossiers module.</summary>
public static class DocumentsModule
{
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        services.AddSingleton(new MigrationSource("documents", typeof(DocumentsModule).Assembly));
        services.AddEventTypes(DocumentEventNames.Register);
        services.AddSingleton<IInlineProjection, DocumentProjection>();
        services.AddOptions<DocumentOptions>().BindConfiguration("Documents")
            .Validate(o => o.MaxUploadBytes > 0, "Documents:MaxUploadBytes must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.StorageRoot), "Documents:StorageRoot must name a folder (S3 uploads are staged there too).")
            .Validate(o => o.Store != BlobStoreKind.S3 || !string.IsNullOrWhiteSpace(o.S3.Bucket), "Documents:S3:Bucket must name the bucket when Documents:Store is S3.")
            .ValidateOnStart();
        services.AddSingleton<FileSystemBlobStore>();
        services.AddSingleton<S3BlobStore>();
        services.AddSingleton<IBlobStore>(provider =>
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DocumentOptions>>().Value.Store == BlobStoreKind.S3
                ? provider.GetRequiredService<S3BlobStore>()
                : provider.GetRequiredService<FileSystemBlobStore>());
        services.TryAddSingleton<IContentScanner, AcceptingContentScanner>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<DocumentWorkflow>();
        services.AddMessaging(typeof(DocumentsModule).Assembly);
        Features.Archive.ArchiveApi.AddDossierArchive(services);
        Signatures.SignatureServices.AddSignatureVerification(services);
        services.AddGrpcService<Grpc.DocumentExchangeService>(Contracts.Documents.V1.DocumentExchangeReflection.Descriptor.Services[0]);
        return services;
    }

    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDocumentApi();
        Features.Archive.ArchiveApi.MapArchiveApi(endpoints);
        endpoints.MapDownloadResult();
        return endpoints;
    }
}
