using MediatR;
using Onestop.Dossiers.Features.Processing;
using Onestop.Dossiers.Features.Queries;
using Onestop.Dossiers.Features.Sync;
using Onestop.Errors;
using Onestop.Grpc;
using Onestop.Messaging;
using Proto = Onestop.Contracts.Dossiers.V1;

namespace Onestop.Dossiers.Grpc;

/// <summary>
/// gRPC DossierSync (contracts/proto/onestop/dossiers/v1/dossier_sync.proto) for the public-service portals: a thin
/// adapter over the commands and queries REST uses, and <see cref="DossierChangeFeed"/> for the change stream.
/// </summary>
internal sealed class DossierSyncService(IMediator mediator, DossierChangeFeed feed)
{
    public async Task<Proto.SubmittedDossier> SubmitDossier(Proto.SubmitDossierRequest request, ServerCallContext context) =>
        (await mediator.Send(request.ToCommand(), context.CancellationToken)).ToProto();

    public async Task<Proto.DossierStatusView> GetDossier(Proto.GetDossierRequest request, ServerCallContext context) =>
        (await FindAsync(request, context.CancellationToken)).ToProto();

    public async Task WatchDossierChanges(
        Proto.WatchDossierChangesRequest request, IServerStreamWriter<Proto.DossierChange> responses, ServerCallContext context)
    {
        var after = FeedCursor.Parse(request.Cursor);
        await foreach (var change in feed.WatchAsync(after, request.UnitCodes, context.CancellationToken))
        {
            await responses.WriteAsync(change.ToProto(), context.CancellationToken);
        }
    }

    /// <summary>Portals retry: the receipt number makes a payment idempotent, so it is required here.</summary>
    public async Task<Proto.PaymentRecorded> RecordPayment(Proto.RecordPaymentRequest request, ServerCallContext context)
    {
        if (request.ReceiptNumber.Length == 0)
        {
            throw AppException.Validation("receipt_number", "Phải ghi số biên lai hoặc mã giao dịch thanh toán.");
        }

        var dossier = await mediator.Send(new GetDossierByCode(request.Code), context.CancellationToken);
        var changed = await mediator.Send(
            new RecordPayment(dossier.Id, request.Description, request.Amount, request.Method, request.ReceiptNumber,
                request.ExpectedVersion == 0 ? null : request.ExpectedVersion),
            context.CancellationToken);
        var after = await mediator.Send(new GetDossier(dossier.Id), context.CancellationToken);
        return new Proto.PaymentRecorded
        {
            Code = changed.Code, Version = changed.Version, Status = changed.Status.ToProto(), StatusText = changed.StatusText,
            OutstandingAmount = DossierSyncMapping.Dong(after.Outstanding),
        };
    }

    private Task<DossierView> FindAsync(Proto.GetDossierRequest request, CancellationToken cancellationToken) => request.KeyCase switch
    {
        Proto.GetDossierRequest.KeyOneofCase.Code => mediator.Send(new GetDossierByCode(request.Code), cancellationToken),
        Proto.GetDossierRequest.KeyOneofCase.PortalReference => mediator.Send(new GetDossierByPortalReference(request.PortalReference), cancellationToken),
        _ => throw AppException.Validation("key", "Cần mã hồ sơ (code) hoặc mã tham chiếu của cổng (portal_reference)."),
    };
}
