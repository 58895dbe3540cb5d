using Shouldly;
using Xunit;

namespace Onestop.Grpc.Tests.Interop;

/// <summary>The C-core (Debian python3-grpcio) as a client: the standard interop cases and ours.</summary>
[Collection(GrpcHostCollection.Name)]
public sealed class CCoreInteropTests(GrpcHostFixture host)
{
    public static TheoryData<string> Cases => new(InteropCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task c_core_client_passes(string testCase)
    {
        var result = await ClientScripts.RunPythonAsync(host, testCase);

        result.ExitCode.ShouldBe(0, result.Output);
    }
}

/// <summary>The cases every interop client runs: grpc/grpc interop-test-descriptions.md, then ours.</summary>
public static class InteropCases
{
    public static readonly string[] Standard =
    [
        "empty_unary", "large_unary", "client_compressed_unary", "server_compressed_unary", "client_streaming",
        "server_streaming", "ping_pong", "empty_stream", "custom_metadata", "status_code_and_message",
        "special_status_message", "unimplemented_method", "unimplemented_service", "cancel_after_begin",
        "cancel_after_first_response", "timeout_on_sleeping_server",
    ];

    public static readonly string[] Ours =
    [
        "health_check", "health_watch", "reflection_list", "reflection_describe", "oversized_message",
        "unknown_encoding", "api_key_missing", "api_key_invalid", "api_key_not_permitted", "validation_error_details",
    ];

    public static string[] All => [.. Standard, .. Ours];
}
