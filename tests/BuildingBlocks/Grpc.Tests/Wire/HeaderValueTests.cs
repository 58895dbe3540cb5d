using Onestop.Grpc.Wire;
using Shouldly;
using Xunit;

namespace Onestop.Grpc.Tests.Wire;

public sealed class HeaderValueTests
{
    [Theory]
    [InlineData("2H", 2 * 3600 * 1000.0)]
    [InlineData("3M", 3 * 60 * 1000.0)]
    [InlineData("5S", 5000.0)]
    [InlineData("250m", 250.0)]
    [InlineData("1500u", 1.5)]
    [InlineData("2000000n", 2.0)]
    [InlineData("99999999m", 99999999.0)]
    public void grpc_timeout_is_read_in_every_unit(string value, double milliseconds)
    {
        GrpcTimeout.TryParse(value, out var timeout).ShouldBeTrue();
        timeout.TotalMilliseconds.ShouldBe(milliseconds);
    }

    [Fact]
    public void a_nanosecond_timeout_rounds_up_rather_than_to_no_time_at_all()
    {
        GrpcTimeout.TryParse("1n", out var timeout).ShouldBeTrue();
        timeout.ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    public void a_malformed_grpc_timeout_is_refused(string value) => GrpcTimeout.TryParse(value, out _).ShouldBeFalse();

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("\t\ntab", "%09%0Atab")]
    [InlineData("Hồ sơ", "H%E1%BB%93 s%C6%A1")]
    [InlineData("non-BMP 😈", "non-BMP %F0%9F%98%88")]
    public void grpc_message_is_percent_encoded_as_utf8_bytes(string message, string wire)
    {
        PercentEncoding.Encode(message).ShouldBe(wire);
        PercentEncoding.Decode(wire).ShouldBe(message);
    }

    [Fact]
    public void a_malformed_percent_escape_is_kept_as_text() => PercentEncoding.Decode("50%zz done%").ShouldBe("50%zz done%");

    [Theory]
    [InlineData("q6ur", new byte[] { 0xab, 0xab, 0xab })]
    [InlineData("q6s=", new byte[] { 0xab, 0xab })]
    [InlineData("q6s", new byte[] { 0xab, 0xab })]
    [InlineData("qw==", new byte[] { 0xab })]
    [InlineData("qw", new byte[] { 0xab })]
    [InlineData("", new byte[0])]
    public void binary_header_values_are_decoded_padded_or_not(string value, byte[] expected)
    {
        BinaryHeaderValue.TryDecode(value, out var bytes).ShouldBeTrue();
        bytes.ShouldBe(expected);
    }

    [Theory]
    [InlineData("q")]
    [InlineData("q6s!")]
    public void a_binary_header_value_that_is_not_base64_is_refused(string value) =>
        BinaryHeaderValue.TryDecode(value, out _).ShouldBeFalse();

    [Fact]
    public void binary_header_values_are_sent_unpadded() => BinaryHeaderValue.Encode([0xab, 0xab]).ShouldBe("q6s");
}
