using FluentValidation;
using MediatR;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Projections;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Catalogue.Features.Procedures;

/// <summary>The version a command produced, as the API returns it.</summary>
public sealed record ProcedureChanged(string Code, long StreamVersion, int LatestVersion);

[AllowedRoles(Roles.CatalogueController)]
public sealed record PublishProcedure(string Code, ProcedureContent Content, AnnouncingDecision Decision) : ICommand<ProcedureChanged>;

[AllowedRoles(Roles.CatalogueController)]
public sealed record AmendProcedure(string Code, ProcedureContent Content, AnnouncingDecision Decision) : ICommand<ProcedureChanged>;

[AllowedRoles(Roles.CatalogueController)]
public sealed record ReplaceProcedure(string Code, string ReplacementCode, AnnouncingDecision Decision) : ICommand<ProcedureChanged>;

[AllowedRoles(Roles.CatalogueController)]
public sealed record SuspendProcedure(string Code, string Reason, AnnouncingDecision Decision) : ICommand<ProcedureChanged>;

[AllowedRoles(Roles.CatalogueController)]
public sealed record ReinstateProcedure(string Code, AnnouncingDecision Decision) : ICommand<ProcedureChanged>;

[AllowedRoles(Roles.CatalogueController)]
public sealed record RepealProcedure(string Code, AnnouncingDecision Decision) : ICommand<ProcedureChanged>;

internal sealed class PublishProcedureValidator : AbstractValidator<PublishProcedure>
{
    public PublishProcedureValidator()
    {
        RuleFor(c => c.Code).ValidProcedureCode();
        RuleFor(c => c.Content).NotNull().SetValidator(new ProcedureContentValidator());
        RuleFor(c => c.Decision).NotNull().SetValidator(new AnnouncingDecisionValidator());
    }
}

internal sealed class AmendProcedureValidator : AbstractValidator<AmendProcedure>
{
    public AmendProcedureValidator()
    {
        RuleFor(c => c.Code).ValidProcedureCode();
        RuleFor(c => c.Content).NotNull().SetValidator(new ProcedureContentValidator());
        RuleFor(c => c.Decision).NotNull().SetValidator(new AnnouncingDecisionValidator());
    }
}

internal sealed class ReplaceProcedureValidator : AbstractValidator<ReplaceProcedure>
{
    public ReplaceProcedureValidator()
    {
        RuleFor(c => c.Code).ValidProcedureCode();
        RuleFor(c => c.ReplacementCode).ValidProcedureCode();
        RuleFor(c => c.Decision).NotNull().SetValidator(new AnnouncingDecisionValidator());
    }
}

internal sealed class SuspendProcedureValidator : AbstractValidator<SuspendProcedure>
{
    public SuspendProcedureValidator()
    {
        RuleFor(c => c.Code).ValidProcedureCode();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Phải ghi lý do tạm dừng.");
        RuleFor(c => c.Decision).NotNull().SetValidator(new AnnouncingDecisionValidator());
    }
}

internal sealed class ReinstateProcedureValidator : AbstractValidator<ReinstateProcedure>
{
    public ReinstateProcedureValidator()
    {
        RuleFor(c => c.Code).ValidProcedureCode();
        RuleFor(c => c.Decision).NotNull().SetValidator(new AnnouncingDecisionValidator());
    }
}

internal sealed class RepealProcedureValidator : AbstractValidator<RepealProcedure>
{
    public RepealProcedureValidator()
    {
        RuleFor(c => c.Code).ValidProcedureCode();
        RuleFor(c => c.Decision).NotNull().SetValidator(new AnnouncingDecisionValidator());
    }
}

/// <summary>Load the procedure's stream, decide with the pure functions, append at the version that was read.</summary>
internal sealed class ProcedureCommandHandler(EventStoreSession session, RequestContext context, CatalogueQueries queries) :
    IRequestHandler<PublishProcedure, ProcedureChanged>,
    IRequestHandler<AmendProcedure, ProcedureChanged>,
    IRequestHandler<ReplaceProcedure, ProcedureChanged>,
    IRequestHandler<SuspendProcedure, ProcedureChanged>,
    IRequestHandler<ReinstateProcedure, ProcedureChanged>,
    IRequestHandler<RepealProcedure, ProcedureChanged>
{
    public async Task<ProcedureChanged> Handle(PublishProcedure command, CancellationToken cancellationToken)
    {
        await EnsureFieldExists(command.Content.FieldCode, cancellationToken);
        return await Decide(command.Code, current => ProcedureDecisions.Publish(current, command.Code, command.Content, command.Decision), cancellationToken);
    }

    public async Task<ProcedureChanged> Handle(AmendProcedure command, CancellationToken cancellationToken)
    {
        await EnsureFieldExists(command.Content.FieldCode, cancellationToken);
        return await Decide(command.Code, current => ProcedureDecisions.Amend(current, command.Code, command.Content, command.Decision), cancellationToken);
    }

    public async Task<ProcedureChanged> Handle(ReplaceProcedure command, CancellationToken cancellationToken)
    {
        if (!await queries.ProcedureExistsAsync(command.ReplacementCode, cancellationToken))
        {
            throw AppException.Validation("replacementCode", $"Không có thủ tục thay thế mã {command.ReplacementCode} trong danh mục.");
        }

        return await Decide(command.Code, current => ProcedureDecisions.Replace(current, command.Code, command.ReplacementCode, command.Decision), cancellationToken);
    }

    public Task<ProcedureChanged> Handle(SuspendProcedure command, CancellationToken cancellationToken) =>
        Decide(command.Code, current => ProcedureDecisions.Suspend(current, command.Code, command.Reason, command.Decision), cancellationToken);

    public Task<ProcedureChanged> Handle(ReinstateProcedure command, CancellationToken cancellationToken) =>
        Decide(command.Code, current => ProcedureDecisions.Reinstate(current, command.Code, command.Decision), cancellationToken);

    public Task<ProcedureChanged> Handle(RepealProcedure command, CancellationToken cancellationToken) =>
        Decide(command.Code, current => ProcedureDecisions.Repeal(current, command.Code, command.Decision), cancellationToken);

    private async Task<ProcedureChanged> Decide(string code, Func<Procedure?, object> decide, CancellationToken cancellationToken)
    {
        var (current, version) = await session.AggregateStreamAsync<Procedure>(CatalogueStreams.ProcedureId(code), Procedure.Apply, cancellationToken: cancellationToken);
        var change = decide(current);
        var expected = current is null ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version);
        var result = await session.AppendAsync(CatalogueStreams.ProcedureId(code), CatalogueStreams.Procedure, expected, [change], context.ToEventMetadata(), cancellationToken);
        var updated = Procedure.Apply(current, change);
        return new ProcedureChanged(code, result.NewVersion, updated.Latest.Number);
    }

    private async Task EnsureFieldExists(string fieldCode, CancellationToken cancellationToken)
    {
        if (!await queries.FieldExistsAsync(fieldCode, cancellationToken))
        {
            throw AppException.Validation("content.fieldCode", $"Không có lĩnh vực mã {fieldCode} trong danh mục.");
        }
    }
}
