using Shouldly;
using Xunit;

namespace Onestop.Grpc.Tests.Wire;

public sealed class MetadataTests
{
    [Fact]
    public void keys_are_lower_case_and_the_last_value_of_a_key_wins()
    {
        var metadata = new Metadata { { "X-Request-Id", "a" }, { "x-request-id", "b" } };

        metadata.GetValue("x-request-id").ShouldBe("b");
        metadata[0].Key.ShouldBe("x-request-id");
    }

    [Fact]
    public void only_bin_keys_carry_bytes_and_they_must_be_given_as_bytes()
    {
        Should.Throw<ArgumentException>(() => new Metadata.Entry("trace", [1, 2]));
        Should.Throw<ArgumentException>(() => new Metadata.Entry("trace-bin", "text"));
        new Metadata.Entry("trace-bin", [1, 2]).IsBinary.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Hồ sơ")]
    [InlineData("line\nbreak")]
    public void text_values_outside_printable_ascii_are_refused_so_they_never_break_the_response(string value) =>
        Should.Throw<ArgumentException>(() => new Metadata.Entry("x-note", value));
}
