using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Onestop.Grpc.Tests.Interop;

/// <summary>A FileDescriptorSet of some files and their imports, imports first, for clients that build messages at run time.</summary>
internal static class DescriptorSets
{
    public static byte[] Of(params FileDescriptor[] files)
    {
        var set = new FileDescriptorSet();
        var added = new HashSet<string>();
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
