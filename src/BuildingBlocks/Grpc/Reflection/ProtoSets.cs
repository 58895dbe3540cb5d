using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Onestop.Grpc.Reflection;

/// <summary>
/// A FileDescriptorSet ("protoset", as grpcurl -protoset and protoc --descriptor_set_out write it) of some files and
/// everything they import, imports first: what a client that builds messages at run time needs.
/// </summary>
public static class ProtoSets
{
    /// <summary>Every service the host serves (see AddGrpcService), with google/rpc/status.proto and error_details.proto to decode status details.</summary>
    public static byte[] OfServedServices(IServiceProvider services)
    {
        var registry = (Binding.GrpcServiceRegistry?)services.GetService(typeof(Binding.GrpcServiceRegistry))
            ?? throw new InvalidOperationException("No gRPC service is registered (AddGrpcTransport / AddGrpcService).");
        return Of([.. registry.Registrations.Select(r => r.Service.File).Distinct(), global::Google.Rpc.StatusReflection.Descriptor,
            global::Google.Rpc.ErrorDetailsReflection.Descriptor]);
    }

    public static byte[] Of(params FileDescriptor[] files)
    {
        var set = new FileDescriptorSet();
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            Add(file, set, added);
        }

        return set.ToByteArray();
    }

    private static void Add(FileDescriptor file, FileDescriptorSet set, HashSet<string> added)
    {
        if (added.Contains(file.Name))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            Add(dependency, set, added);
        }

        added.Add(file.Name);
        set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
    }
}
