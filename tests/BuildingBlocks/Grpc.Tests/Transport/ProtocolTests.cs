using Google.Protobuf;
using Grpc.Testing;
using Onestop.Grpc.Tests.Interop;
using Shouldly;
using Xunit;

namespace Onestop.Grpc.Tests.Transport;

/// <summary>What PROTOCOL-HTTP2.md asks of a server, checked on the wire where a gRPC library would hide it.</summary>
[Collection(GrpcHostCollection.Name)]
public sealed class ProtocolTests(GrpcHostFixture host) : IDisposable
{
    private const string UnaryCall = "/grpc.testing.TestService/UnaryCall";
    private readonly RawGrpcClient _client = new(host);

    [Fact]
    public async Task a_message_split_into_one_byte_data_frames_is_read_whole()
    {
        var frame = RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 3, Payload = new Payload { Body = ByteString.CopyFrom(new byte[20]) } });

        var response = await _client.CallAsync(UnaryCall, frame.Select(b => new[] { b }).ToArray(), [], CancellationToken.None);

        response.GrpcStatus.ShouldBe(0, response.ToString());
        SimpleResponse.Parser.ParseFrom(ResponseFrames.Read(response.Body).Single().Message).Payload.Body.Length.ShouldBe(3);
    }

    [Fact]
    public async Task messages_sharing_a_data_frame_and_split_across_frames_are_each_read()
    {
        var frames = new[] { 10, 0, 300, 7 }
            .SelectMany(size => RawGrpcClient.Frame(new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[size]) } }))
            .ToArray();
        var chunks = new[] { frames[..3], frames[3..40], frames[40..] };

        var response = await _client.CallAsync("/grpc.testing.TestService/StreamingInputCall", chunks, [], CancellationToken.None);

        response.GrpcStatus.ShouldBe(0, response.ToString());
        StreamingInputCallResponse.Parser.ParseFrom(ResponseFrames.Read(response.Body).Single().Message).AggregatedPayloadSize.ShouldBe(317);
    }

    [Fact]
    public async Task a_message_several_times_the_http2_flow_control_window_is_read_whole()
    {
        var request = new SimpleRequest { ResponseSize = 1, Payload = new Payload { Body = ByteString.CopyFrom(new byte[3_500_000]) } };

        var response = await _client.CallAsync(UnaryCall, RawGrpcClient.Frame(request));

        response.GrpcStatus.ShouldBe(0, response.ToString());
    }

    [Fact]
    public async Task an_error_before_any_response_is_sent_trailers_only()
    {
        var response = await _client.CallAsync("/grpc.testing.TestService/UnimplementedCall", RawGrpcClient.Frame(new Empty()));

        response.IsTrailersOnly.ShouldBeTrue(response.ToString());
        response.GrpcStatus.ShouldBe((int)StatusCode.Unimplemented);
        response.Headers["content-type"].ShouldBe("application/grpc");
    }

    [Fact]
    public async Task a_status_message_goes_out_percent_encoded()
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = "Hồ sơ 100% \t\n☺" } };

        var response = await _client.CallAsync(UnaryCall, RawGrpcClient.Frame(request));

        response.GrpcMessage.ShouldBe("H%E1%BB%93 s%C6%A1 100%25 %09%0A%E2%98%BA");
    }

    [Theory]
    [InlineData("q6s=")]
    [InlineData("q6s")]
    public async Task binary_metadata_is_read_padded_or_not_and_sent_back_unpadded(string base64)
    {
        var response = await _client.CallAsync(UnaryCall, RawGrpcClient.Frame(new SimpleRequest()), ("x-grpc-test-echo-trailing-bin", base64));

        response.GrpcStatus.ShouldBe(0, response.ToString());
        response.Trailers["x-grpc-test-echo-trailing-bin"].ShouldBe("q6s");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task a_response_is_gzip_compressed_exactly_when_the_handler_asks(bool compressed)
    {
        var request = new SimpleRequest { ResponseSize = 5000, ResponseCompressed = new BoolValue { Value = compressed } };

        var response = await _client.CallAsync(UnaryCall, RawGrpcClient.Frame(request), ("grpc-accept-encoding", "identity,gzip"));

        var message = ResponseFrames.Read(response.Body).Single();
        message.Compressed.ShouldBe(compressed);
        response.Headers.GetValueOrDefault("grpc-encoding").ShouldBe(compressed ? "gzip" : null);
        SimpleResponse.Parser.ParseFrom(message.Message).Payload.Body.Length.ShouldBe(5000);
    }

    [Fact]
    public async Task a_gzip_request_is_inflated()
    {
        var payload = new SimpleRequest { ResponseSize = 4, ExpectCompressed = new BoolValue { Value = true } }.ToByteArray();

        var response = await _client.CallAsync(UnaryCall, RawGrpcClient.Frame(ResponseFrames.Gzip(payload), compressedFlag: true), ("grpc-encoding", "gzip"));

        response.GrpcStatus.ShouldBe(0, response.ToString());
    }

    [Fact]
    public async Task the_deadline_ends_a_handler_that_ignores_cancellation_with_deadline_exceeded()
    {
        var started = DateTime.UtcNow;

        var response = await _client.CallAsync("/onestop.testing.v1.Faults/Stall", RawGrpcClient.Frame(new Empty()), ("grpc-timeout", "300m"));

        response.GrpcStatus.ShouldBe((int)StatusCode.DeadlineExceeded, response.ToString());
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task the_deadline_cancels_the_handler()
    {
        var tag = Guid.NewGuid().ToString();

        var response = await _client.CallAsync("/onestop.testing.v1.Faults/Hang", RawGrpcClient.Frame(new Onestop.Testing.V1.FailRequest { Kind = tag }), ("grpc-timeout", "200000u"));

        response.GrpcStatus.ShouldBe((int)StatusCode.DeadlineExceeded, response.ToString());
        await Eventually.True(() => host.Cancellations.WasCancelled(tag));
    }

    [Fact]
    public async Task a_client_that_goes_away_cancels_the_handler()
    {
        var tag = Guid.NewGuid().ToString();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() => _client.CallAsync(
            "/onestop.testing.v1.Faults/Hang", [RawGrpcClient.Frame(new Onestop.Testing.V1.FailRequest { Kind = tag })], [], giveUp.Token));

        await Eventually.True(() => host.Cancellations.WasCancelled(tag));
    }

    [Theory]
    [InlineData("/grpc.testing.TestService/NoSuchMethod")]
    [InlineData("/grpc.testing.NoSuchService/EmptyCall")]
    public async Task an_unknown_method_or_service_is_unimplemented(string path)
    {
        var response = await _client.CallAsync(path, RawGrpcClient.Frame(new Empty()));

        response.GrpcStatus.ShouldBe((int)StatusCode.Unimplemented, response.ToString());
    }

    public void Dispose() => _client.Dispose();
}

internal static class Eventually
{
    public static async Task True(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the condition never became true");
            await Task.Delay(20);
        }
    }
}
