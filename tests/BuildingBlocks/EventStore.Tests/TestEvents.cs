namespace Onestop.EventStore.Tests;

public sealed record AccountOpened(string Owner);

public sealed record MoneyDeposited(decimal Amount, string? Note = null);

public sealed record MoneyWithdrawn(decimal Amount);

/// <summary>A small aggregate to fold streams into.</summary>
public sealed record Account(string Owner, decimal Balance, int Movements)
{
    public static Account Apply(Account? state, object e) => e switch
    {
        AccountOpened opened => new Account(opened.Owner, 0, 0),
        MoneyDeposited d => state! with { Balance = state.Balance + d.Amount, Movements = state.Movements + 1 },
        MoneyWithdrawn w => state! with { Balance = state.Balance - w.Amount, Movements = state.Movements + 1 },
        _ => state!,
    };
}

public static class TestEvents
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<AccountOpened>("test.account_opened.v1")
        .Register<MoneyDeposited>("test.money_deposited.v1")
        .Register<MoneyWithdrawn>("test.money_withdrawn.v1");
}
