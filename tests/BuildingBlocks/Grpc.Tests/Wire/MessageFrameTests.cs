using System.Buffers;
using Onestop.Grpc.Wire;
using Shouldly;
using Xunit;

namespace Onestop.Grpc.Tests.Wire;

public sealed class MessageFrameTests
{
    private static readonly byte[] TwoMessages = [0, 0, 0, 0, 3, 1, 2, 3, 1, 0, 0, 0, 2, 9, 9];

    [Fact]
    public void two_messages_are_read_whatever_way_the_bytes_are_split_into_segments()
    {
        for (var first = 0; first <= TwoMessages.Length; first++)
        {
            for (var second = first; second <= TwoMessages.Length; second++)
            {
                var buffer = Segments(TwoMessages[..first], TwoMessages[first..second], TwoMessages[second..]);

                var where = $"split at {first} and {second}";
                var (firstCompressed, firstPayload) = Read(ref buffer);
                var (secondCompressed, secondPayload) = Read(ref buffer);

                (firstCompressed, secondCompressed).ShouldBe((false, true), where);
                firstPayload.ShouldBe([1, 2, 3], where);
                secondPayload.ShouldBe([9, 9], where);
                buffer.Length.ShouldBe(0);
            }
        }
    }

    [Fact]
    public void a_partial_prefix_or_body_asks_for_more_and_consumes_nothing()
    {
        for (var length = 0; length < 8; length++)
        {
            var buffer = new ReadOnlySequence<byte>(TwoMessages[..length]);

            MessageFrame.TryRead(ref buffer, 100, out _, out _, out _).ShouldBe(MessageFrame.ParseResult.Incomplete);
            buffer.Length.ShouldBe(length);
        }
    }

    [Fact]
    public void a_length_over_the_limit_is_refused_from_the_prefix_alone()
    {
        var buffer = new ReadOnlySequence<byte>([0, 0, 0, 1, 0]);

        MessageFrame.TryRead(ref buffer, 255, out _, out _, out var announced).ShouldBe(MessageFrame.ParseResult.TooLarge);
        announced.ShouldBe(256u);
    }

    [Fact]
    public void a_flag_byte_other_than_0_or_1_is_invalid()
    {
        var buffer = new ReadOnlySequence<byte>([2, 0, 0, 0, 0]);

        MessageFrame.TryRead(ref buffer, 100, out _, out _, out _).ShouldBe(MessageFrame.ParseResult.InvalidFlag);
    }

    private static (bool, byte[]) Read(ref ReadOnlySequence<byte> buffer)
    {
        MessageFrame.TryRead(ref buffer, 100, out var compressed, out var payload, out _).ShouldBe(MessageFrame.ParseResult.Message);
        return (compressed, payload.ToArray());
    }

    private static ReadOnlySequence<byte> Segments(params byte[][] parts)
    {
        var first = new Segment(parts[0], 0);
        var last = first;
        foreach (var part in parts[1..])
        {
            last = last.Append(part);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
