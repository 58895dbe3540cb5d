using Grpc.Testing;
using Onestop.Grpc.Binding;
using Shouldly;
using Xunit;

namespace Onestop.Grpc.Tests.Binding;

public sealed class ServiceBinderTests
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor TestService = TestReflection.Descriptor.Services[0];

    [Fact]
    public void every_rpc_of_the_descriptor_becomes_a_method_and_those_the_adapter_lacks_answer_unimplemented()
    {
        var methods = ServiceBinder.Bind(TestService, typeof(EmptyCallOnly), allowAnonymous: false);

        methods.Select(m => m.Path).ShouldBe(TestService.Methods.Select(m => $"/grpc.testing.TestService/{m.Name}"));
        methods.Single(m => m.Name == "EmptyCall").Handler.ShouldNotBeNull();
        methods.Where(m => m.Name != "EmptyCall").ShouldAllBe(m => m.Handler == null);
    }

    [Fact]
    public void an_adapter_method_of_the_wrong_shape_stops_the_host_with_the_expected_signature()
    {
        var error = Should.Throw<InvalidOperationException>(() => ServiceBinder.Bind(TestService, typeof(WrongUnaryShape), allowAnonymous: false));

        error.Message.ShouldContain("Task<SimpleResponse> UnaryCall(SimpleRequest, ServerCallContext)");
    }

    private sealed class EmptyCallOnly
    {
        public Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());
    }

    private sealed class WrongUnaryShape
    {
        public SimpleResponse UnaryCall(SimpleRequest request) => new();
    }
}
