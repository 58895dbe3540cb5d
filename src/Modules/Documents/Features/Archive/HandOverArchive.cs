using FluentValidation;
using MediatR;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Documents.Features.Archive;

/// <summary>The recorded hand-over: which package (its manifest's SHA-256) went to the archive, under which receipt.</summary>
internal sealed record ArchiveHandOverView(
    Guid DossierId, string DossierCode, string StreamId, long Version, string ManifestSha256, string ArchiveReceiptNumber, string ReceivedBy,
    DateTimeOffset At);

/// <summary>
/// Records that the dossier's archive package was handed to the agency archive (nộp lưu), once. Administrators: the
/// package holds the history export (auditors only, ADR 0002) and auditors change nothing.
/// </summary>
[AllowedRoles(Roles.Administrator)]
internal sealed record HandOverArchive(string DossierCode, string ArchiveReceiptNumber, string ReceivedBy, string? Note) : ICommand<ArchiveHandOverView>;

internal sealed class HandOverArchiveValidator : AbstractValidator<HandOverArchive>
{
    public HandOverArchiveValidator()
    {
        RuleFor(c => c.ArchiveReceiptNumber).NotEmpty().WithMessage("Phải ghi số biên bản (số phiếu) giao nhận của Lưu trữ cơ quan.")
            .MaximumLength(100).WithMessage("Số biên bản giao nhận không quá 100 ký tự.");
        RuleFor(c => c.ReceivedBy).NotEmpty().WithMessage("Phải ghi họ tên người nhận của Lưu trữ cơ quan.")
            .MaximumLength(200).WithMessage("Họ tên người nhận không quá 200 ký tự.");
        RuleFor(c => c.Note).MaximumLength(2000).WithMessage("Ghi chú không quá 2000 ký tự.");
    }
}

internal sealed class HandOverArchiveHandler(IMediator mediator, EventStoreSession session, RequestContext context, TimeProvider clock)
    : IRequestHandler<HandOverArchive, ArchiveHandOverView>
{
    public async Task<ArchiveHandOverView> Handle(HandOverArchive command, CancellationToken cancellationToken)
    {
        var package = await mediator.Send(new GetArchivePackage(command.DossierCode), cancellationToken);
        var stream = ArchiveStreams.Id(package.DossierId);
        if (await session.GetStreamAsync(stream, cancellationToken) is not null)
        {
            throw AlreadyHandedOver(package.DossierCode);
        }

        var handedOver = new ArchiveHandedOver(package.DossierId, package.DossierCode, package.ManifestSha256, package.Contents.History.HeadVersion,
            package.Contents.History.HeadHash, command.ArchiveReceiptNumber.Trim(), command.ReceivedBy.Trim(), command.Note, clock.GetUtcNow(),
            context.Actor, context.Unit);
        AppendResult result;
        try
        {
            // No stream expected: of two concurrent hand-overs, one appends and the other is refused like a later one.
            result = await session.AppendAsync(stream, ArchiveStreams.Type, ExpectedVersion.NoStream, [handedOver], context.ToEventMetadata(), cancellationToken);
        }
        catch (WrongExpectedVersionException)
        {
            throw AlreadyHandedOver(package.DossierCode);
        }

        return new ArchiveHandOverView(package.DossierId, package.DossierCode, stream, result.NewVersion, handedOver.ManifestSha256,
            handedOver.ArchiveReceiptNumber, handedOver.ReceivedBy, handedOver.At);
    }

    private static AppException AlreadyHandedOver(string code) =>
        AppException.Conflict("archive.already_handed_over", $"Gói nộp lưu của hồ sơ {code} đã được giao nộp vào Lưu trữ cơ quan trước đây.");
}
