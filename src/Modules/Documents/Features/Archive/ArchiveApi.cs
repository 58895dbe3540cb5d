using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Onestop.Documents.Storage;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Messaging.Http;

namespace Onestop.Documents.Features.Archive;

/// <summary>Archive packages (nộp lưu) of returned dossiers under /api/documents/archive (docs/archive.md).</summary>
internal static class ArchiveApi
{
    /// <summary>The archive settings, the hand-over event type; called by <see cref="DocumentsModule.AddDocuments"/>.</summary>
    public static IServiceCollection AddDossierArchive(this IServiceCollection services)
    {
        services.AddEventTypes(ArchiveStreams.Register);
        services.AddOptions<ArchiveOptions>().BindConfiguration("Documents:Archive")
            .Validate(o => o.IsValid(), "Documents:Archive: retention periods are a positive number of years or \"permanent\".")
            .ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapArchiveApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/documents/archive").WithTags("Documents");
        api.MapGet("/{dossierCode}", DownloadAsync).Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status409Conflict).AccessOf<GetArchivePackage>();
        api.MapPost("/{dossierCode}/handover", (string dossierCode, HandOverArchive? body, IMediator m, CancellationToken ct) =>
            m.Send((body ?? throw AppException.Validation("body", "Thiếu nội dung yêu cầu.")) with { DossierCode = dossierCode }, ct))
            .ProducesProblem(StatusCodes.Status409Conflict).AccessOf<HandOverArchive>();
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(string dossierCode, IMediator m, IBlobStore store, CancellationToken ct)
    {
        var package = await m.Send(new GetArchivePackage(dossierCode), ct);
        var file = await ArchiveZip.WriteToTemporaryFileAsync(package, store, ct);
        return Results.File(file, "application/zip", $"{package.DossierCode}.archive.zip");
    }
}
