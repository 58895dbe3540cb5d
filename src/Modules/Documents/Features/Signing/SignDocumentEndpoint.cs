using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Onestop.Errors;
using Onestop.Messaging.Http;

namespace Onestop.Documents.Features.Signing;

internal static class SignDocumentEndpoint
{
    /// <summary>A CMS signature with its certificate chain is a few kilobytes; more is not a signature.</summary>
    private const int MaxSignatureBytes = 1024 * 1024;

    /// <summary>POST /api/documents/{id}/signature: the detached signature as the raw body, DER or PEM.</summary>
    public static RouteGroupBuilder MapSignDocument(this RouteGroupBuilder api)
    {
        api.MapPost("/{id:guid}/signature", async (Guid id, Guid? dossierId, HttpRequest request, IMediator m, CancellationToken ct) =>
                await m.Send(new SignDocument(id, await ReadAsync(request.Body, ct), dossierId), ct))
            .Accepts(typeof(Stream), "application/pkcs7-signature", "application/octet-stream", "*/*")
            .Produces<SignatureRecorded>().AccessOf<SignDocument>();
        return api;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxSignatureBytes)
            {
                throw AppException.Validation("body", "Tệp chữ ký số vượt quá 1 MB.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
