using Google.Rpc;
using Onestop.Grpc.Tests.Interop;
using Onestop.Grpc.Wire;
using Onestop.Testing.V1;
using Shouldly;
using Xunit;

namespace Onestop.Grpc.Tests.Transport;

/// <summary>The platform's errors, thrown by a mediator handler behind an adapter, as a gRPC client sees them.</summary>
[Collection(GrpcHostCollection.Name)]
public sealed class ErrorMappingTests(GrpcHostFixture host) : IDisposable
{
    private readonly RawGrpcClient _client = new(host);

    [Theory]
    [InlineData("validation", StatusCode.InvalidArgument)]
    [InlineData("not_found", StatusCode.NotFound)]
    [InlineData("conflict", StatusCode.FailedPrecondition)]
    [InlineData("concurrency", StatusCode.Aborted)]
    [InlineData("unauthenticated", StatusCode.Unauthenticated)]
    [InlineData("forbidden", StatusCode.PermissionDenied)]
    [InlineData("too_many_requests", StatusCode.ResourceExhausted)]
    public async Task each_kind_of_app_error_has_its_status_and_stable_code(string kind, StatusCode expected)
    {
        var response = await FailAs(kind);

        response.GrpcStatus.ShouldBe((int)expected, response.ToString());
        var details = Details(response);
        details.Code.ShouldBe((int)expected);
        details.Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>().Domain.ShouldBe("onestop");
    }

    [Fact]
    public async Task validation_errors_reach_the_client_as_a_bad_request_with_every_field_and_message()
    {
        var response = await FailAs("validation");

        PercentEncoding.Decode(response.GrpcMessage!).ShouldBe("Dữ liệu gửi lên không hợp lệ.");
        var badRequest = Details(response).Details.Single(d => d.Is(BadRequest.Descriptor)).Unpack<BadRequest>();
        badRequest.FieldViolations.Select(v => (v.Field, v.Description)).ShouldBe(
        [
            ("applicant.identity_number", FailAsHandler.IdentityNumberMessage),
            ("procedure_code", "Bắt buộc."),
        ]);
    }

    [Fact]
    public async Task an_unexpected_exception_is_unknown_with_a_correlation_id_and_no_internals()
    {
        var response = await FailAs("crash");

        response.GrpcStatus.ShouldBe((int)StatusCode.Unknown);
        response.GrpcMessage!.ShouldNotContain("hunter2");
        response.GrpcMessage!.ShouldNotContain(nameof(InvalidOperationException));
        var correlationId = Details(response).Details.Single(d => d.Is(RequestInfo.Descriptor)).Unpack<RequestInfo>().RequestId;
        response.GrpcMessage!.ShouldContain(correlationId);
        host.Logs.Entries.ShouldContain(entry => entry.Contains(correlationId) && entry.Contains(FailAsHandler.CrashSecret));
    }

    public void Dispose() => _client.Dispose();

    private Task<RawResponse> FailAs(string kind) =>
        _client.CallAsync("/onestop.testing.v1.Faults/Fail", RawGrpcClient.Frame(new FailRequest { Kind = kind }));

    private static Google.Rpc.Status Details(RawResponse response)
    {
        var encoded = response.Trailers.GetValueOrDefault("grpc-status-details-bin") ?? response.Headers["grpc-status-details-bin"];
        BinaryHeaderValue.TryDecode(encoded, out var bytes).ShouldBeTrue();
        return Google.Rpc.Status.Parser.ParseFrom(bytes);
    }
}
