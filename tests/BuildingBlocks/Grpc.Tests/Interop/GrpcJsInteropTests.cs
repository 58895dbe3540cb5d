using Shouldly;
using Xunit;

namespace Onestop.Grpc.Tests.Interop;

/// <summary>@grpc/grpc-js (npm) as a client: the standard interop cases and ours.</summary>
[Collection(GrpcHostCollection.Name)]
public sealed class GrpcJsInteropTests(GrpcHostFixture host)
{
    public static TheoryData<string> Cases => new(InteropCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task grpc_js_client_passes(string testCase)
    {
        var result = await ClientScripts.RunNodeAsync(host, testCase);

        result.ExitCode.ShouldBe(0, result.Output);
    }
}
