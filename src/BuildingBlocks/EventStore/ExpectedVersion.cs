namespace Onestop.EventStore;

/// <summary>What the writer believes the stream's version is; checked under the stream's row lock.</summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(long value) => Value = value;

    internal long Value { get; }

    /// <summary>Append whatever the stream's version.</summary>
    public static ExpectedVersion Any { get; } = new(-2);

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(-1);

    /// <summary>The stream must be exactly at this version (its last event's version).</summary>
    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version), "A version is 0 or more.");

    public override string ToString() => Value switch
    {
        -2 => "any",
        -1 => "no stream",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
