using FluentValidation;
using MediatR;
using Onestop.Catalogue.Domain.Calendar;
using Onestop.EventStore;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Catalogue.Features.Calendar;

/// <summary>The year's stream version after a change, as the API returns it.</summary>
public sealed record CalendarChanged(int Year, long StreamVersion);

/// <summary>A holiday, compensatory day or other day off, e.g. a day the government swaps around Tết.</summary>
[AllowedRoles(Roles.CatalogueController)]
public sealed record DeclareDayOff(int Year, DateOnly Date, CalendarDayKind Kind, string Name, string? LegalReason) : ICommand<CalendarChanged>;

/// <summary>A Saturday or Sunday worked in exchange for a day off.</summary>
[AllowedRoles(Roles.CatalogueController)]
public sealed record DeclareMakeUpWorkingDay(int Year, DateOnly Date, string Name, string? LegalReason) : ICommand<CalendarChanged>;

/// <summary>Remove whatever was declared on the date, a default holiday included.</summary>
[AllowedRoles(Roles.CatalogueController)]
public sealed record WithdrawCalendarDeclaration(int Year, DateOnly Date, string? Reason) : ICommand<CalendarChanged>;

internal sealed class DeclareDayOffValidator : AbstractValidator<DeclareDayOff>
{
    public DeclareDayOffValidator()
    {
        RuleFor(c => c.Year).SupportedYear();
        RuleFor(c => c.Date).InYear(c => c.Year);
        RuleFor(c => c.Kind).IsInEnum().WithMessage("Loại ngày nghỉ không hợp lệ.");
        RuleFor(c => c.Name).NotEmpty().WithMessage("Phải ghi tên ngày nghỉ (ví dụ: Tết Nguyên đán).").MaximumLength(200);
        RuleFor(c => c.LegalReason).MaximumLength(500);
    }
}

internal sealed class DeclareMakeUpWorkingDayValidator : AbstractValidator<DeclareMakeUpWorkingDay>
{
    public DeclareMakeUpWorkingDayValidator()
    {
        RuleFor(c => c.Year).SupportedYear();
        RuleFor(c => c.Date).InYear(c => c.Year);
        RuleFor(c => c.Name).NotEmpty().WithMessage("Phải ghi làm bù cho ngày nào (ví dụ: Làm bù cho ngày 02/01/2026).").MaximumLength(200);
        RuleFor(c => c.LegalReason).MaximumLength(500);
    }
}

internal sealed class WithdrawCalendarDeclarationValidator : AbstractValidator<WithdrawCalendarDeclaration>
{
    public WithdrawCalendarDeclarationValidator()
    {
        RuleFor(c => c.Year).SupportedYear();
        RuleFor(c => c.Date).InYear(c => c.Year);
        RuleFor(c => c.Reason).MaximumLength(500);
    }
}

/// <summary>Load the year's stream, decide with the pure functions, append at the version that was read.</summary>
internal sealed class CalendarCommandHandler(EventStoreSession session, RequestContext context) :
    IRequestHandler<DeclareDayOff, CalendarChanged>,
    IRequestHandler<DeclareMakeUpWorkingDay, CalendarChanged>,
    IRequestHandler<WithdrawCalendarDeclaration, CalendarChanged>
{
    public Task<CalendarChanged> Handle(DeclareDayOff command, CancellationToken cancellationToken) =>
        Decide(command.Year, current => CalendarDecisions.DeclareDayOff(current, command.Date, command.Kind, command.Name.Trim(), command.LegalReason?.Trim()), cancellationToken);

    public Task<CalendarChanged> Handle(DeclareMakeUpWorkingDay command, CancellationToken cancellationToken) =>
        Decide(command.Year, current => CalendarDecisions.DeclareMakeUpWorkingDay(current, command.Date, command.Name.Trim(), command.LegalReason?.Trim()), cancellationToken);

    public Task<CalendarChanged> Handle(WithdrawCalendarDeclaration command, CancellationToken cancellationToken) =>
        Decide(command.Year, current => CalendarDecisions.Withdraw(current, command.Date, command.Reason?.Trim()), cancellationToken);

    private async Task<CalendarChanged> Decide(int year, Func<CalendarYear?, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
    {
        var streamId = CalendarStreams.Id(year);
        var (current, version) = await session.AggregateStreamAsync<CalendarYear>(streamId, CalendarYear.Apply, cancellationToken: cancellationToken);
        var changes = decide(current);
        var expected = current is null ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version);
        var result = await session.AppendAsync(streamId, CalendarStreams.Type, expected, changes, context.ToEventMetadata(), cancellationToken);
        return new CalendarChanged(year, result.NewVersion);
    }
}

internal static class CalendarRules
{
    public static IRuleBuilderOptions<T, int> SupportedYear<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(2000, LunarDates.MaxYear).WithMessage($"Năm phải từ 2000 đến {LunarDates.MaxYear}.");

    public static IRuleBuilderOptions<T, DateOnly> InYear<T>(this IRuleBuilder<T, DateOnly> rule, Func<T, int> year) =>
        rule.Must((command, date) => date.Year == year(command))
            .WithMessage((command, date) => $"Ngày {date:dd/MM/yyyy} không thuộc năm {year(command)}.");
}
