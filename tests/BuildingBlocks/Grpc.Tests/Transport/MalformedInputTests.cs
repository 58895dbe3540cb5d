using System.Net;
using Grpc.Testing;
using Onestop.Grpc.Tests.Interop;
using Shouldly;
using Xunit;

namespace Onestop.Grpc.Tests.Transport;

/// <summary>Broken requests from a raw HTTP/2 client get the right answer, and the server goes on serving.</summary>
[Collection(GrpcHostCollection.Name)]
public sealed class MalformedInputTests(GrpcHostFixture host) : IDisposable
{
    private const string UnaryCall = "/grpc.testing.TestService/UnaryCall";
    private readonly RawGrpcClient _client = new(host);

    [Fact]
    public async Task a_truncated_frame_ends_the_call_with_internal()
    {
        var response = await _client.CallAsync(UnaryCall, [0, 0, 0]);

        response.GrpcStatus.ShouldBe((int)StatusCode.Internal, response.ToString());
        await ServerStillServes();
    }

    [Fact]
    public async Task a_length_prefix_larger_than_the_body_ends_the_call_with_internal()
    {
        byte[] body = [0, 0, 0, 0, 100, .. new byte[10]];

        var response = await _client.CallAsync(UnaryCall, body);

        response.GrpcStatus.ShouldBe((int)StatusCode.Internal, response.ToString());
        await ServerStillServes();
    }

    [Fact]
    public async Task a_flag_byte_other_than_0_or_1_ends_the_call_with_internal()
    {
        var response = await _client.CallAsync(UnaryCall, [2, 0, 0, 0, 0]);

        response.GrpcStatus.ShouldBe((int)StatusCode.Internal, response.ToString());
        await ServerStillServes();
    }

    [Fact]
    public async Task bytes_that_are_not_protobuf_end_the_call_with_internal()
    {
        var response = await _client.CallAsync(UnaryCall, RawGrpcClient.Frame([0xff, 0xff, 0xff, 0xff]));

        response.GrpcStatus.ShouldBe((int)StatusCode.Internal, response.ToString());
        await ServerStillServes();
    }

    [Fact]
    public async Task a_wrong_content_type_is_answered_415()
    {
        var response = await _client.CallAsync(UnaryCall, RawGrpcClient.Frame(new SimpleRequest()), ("content-type", "application/json"));

        response.HttpStatus.ShouldBe(HttpStatusCode.UnsupportedMediaType, response.ToString());
        await ServerStillServes();
    }

    [Fact]
    public async Task a_get_is_answered_405()
    {
        var response = await _client.CallAsync(UnaryCall, [], [], CancellationToken.None, method: HttpMethod.Get);

        response.HttpStatus.ShouldBe(HttpStatusCode.MethodNotAllowed, response.ToString());
        await ServerStillServes();
    }

    [Fact]
    public async Task an_http_1_1_request_is_refused_with_400_on_the_clear_text_endpoint()
    {
        // Kestrel answers it before any gRPC code runs: the endpoint speaks only HTTP/2 with prior knowledge.
        var response = await _client.CallAsync(UnaryCall, [RawGrpcClient.Frame(new SimpleRequest())], [], CancellationToken.None, HttpVersion.Version11);

        response.HttpStatus.ShouldBe(HttpStatusCode.BadRequest, response.ToString());
        await ServerStillServes();
    }

    [Fact]
    public async Task a_compressed_flag_without_grpc_encoding_ends_the_call_with_internal()
    {
        var response = await _client.CallAsync(UnaryCall, RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 1 }, compressedFlag: true));

        response.GrpcStatus.ShouldBe((int)StatusCode.Internal, response.ToString());
        await ServerStillServes();
    }

    [Fact]
    public async Task an_unknown_grpc_encoding_is_unimplemented_and_names_the_encodings_we_accept()
    {
        var response = await _client.CallAsync(UnaryCall, RawGrpcClient.Frame(new SimpleRequest()), ("grpc-encoding", "br"));

        response.GrpcStatus.ShouldBe((int)StatusCode.Unimplemented, response.ToString());
        response.Headers["grpc-accept-encoding"].ShouldBe("identity,gzip");
        await ServerStillServes();
    }

    [Fact]
    public async Task an_oversized_message_is_resource_exhausted_before_its_body_arrives()
    {
        byte[] prefixOnly = [0, 0, 0x40, 0, 1];

        var response = await _client.CallAsync(UnaryCall, prefixOnly);

        response.GrpcStatus.ShouldBe((int)StatusCode.ResourceExhausted, response.ToString());
        await ServerStillServes();
    }

    public void Dispose() => _client.Dispose();

    private async Task ServerStillServes()
    {
        var response = await _client.CallAsync(UnaryCall, RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 7 }));
        response.GrpcStatus.ShouldBe(0, response.ToString());
        SimpleResponse.Parser.ParseFrom(response.Body.AsSpan(5)).Payload.Body.Length.ShouldBe(7);
    }
}
