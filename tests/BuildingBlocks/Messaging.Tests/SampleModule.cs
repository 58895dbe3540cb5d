using FluentValidation;
using MediatR;
using Npgsql;
using Onestop.Errors;
using Onestop.EventStore;

namespace Onestop.Messaging.Tests;

public sealed record Applicant(string FullName, string IdentityNumber);

public sealed record Component(string Code, int Copies);

public sealed record ApplicationFiled(string Applicant, int Components);

/// <summary>A command shaped like the real ones: nested data, a list, an idempotency key.</summary>
public sealed record FileApplication(string Id, Applicant Applicant, IReadOnlyList<Component> Components, string? IdempotencyKey = null, bool FailAfterAppend = false)
    : ICommand<FileApplicationResult>, IIdempotentCommand;

public sealed record FileApplicationResult(string Id, long Version, Guid Receipt);

public sealed class FileApplicationValidator : AbstractValidator<FileApplication>
{
    public FileApplicationValidator()
    {
        RuleFor(c => c.Applicant.FullName).NotEmpty().WithMessage("Họ và tên không được để trống.");
        RuleFor(c => c.Applicant.IdentityNumber).Matches("^[0-9]{12}$").WithMessage("Số định danh cá nhân phải gồm 12 chữ số.");
        RuleForEach(c => c.Components).ChildRules(component =>
            component.RuleFor(x => x.Code).NotEmpty().WithMessage("Thiếu mã thành phần hồ sơ."));
    }
}

internal sealed class FileApplicationHandler(EventStoreSession session, RequestContext context) : IRequestHandler<FileApplication, FileApplicationResult>
{
    public async Task<FileApplicationResult> Handle(FileApplication command, CancellationToken cancellationToken)
    {
        var result = await session.AppendAsync($"application-{command.Id}", "application", ExpectedVersion.NoStream,
            [new ApplicationFiled(command.Applicant.FullName, command.Components.Count)], context.ToEventMetadata(), cancellationToken);
        var transaction = await session.GetTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("insert into application_view (id, applicant) values ($1, $2)", transaction.Connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = command.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = command.Applicant.FullName });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (command.FailAfterAppend)
        {
            throw AppException.Conflict("application.failed", "Lỗi giả lập sau khi đã ghi sự kiện.");
        }

        return new FileApplicationResult(command.Id, result.NewVersion, Guid.NewGuid());
    }
}

/// <summary>Appends with a stale expected version, to see the concurrency error leave the pipeline as the error model.</summary>
public sealed record AmendApplication(string Id, long ExpectedVersion) : ICommand<Unit>;

internal sealed class AmendApplicationHandler(EventStoreSession session) : IRequestHandler<AmendApplication, Unit>
{
    public async Task<Unit> Handle(AmendApplication command, CancellationToken cancellationToken)
    {
        await session.AppendAsync($"application-{command.Id}", "application", ExpectedVersion.Exactly(command.ExpectedVersion),
            [new ApplicationFiled("amended", 0)], cancellationToken: cancellationToken);
        return Unit.Value;
    }
}
