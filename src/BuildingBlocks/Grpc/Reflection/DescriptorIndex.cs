using Google.Protobuf.Reflection;
using Onestop.Grpc.Binding;

namespace Onestop.Grpc.Reflection;

/// <summary>
/// The .proto files reflection can describe: those declaring the served services, the google.rpc error details the
/// transport sends, and everything they import. Built once, from the descriptors protoc generated.
/// </summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _filesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _filesBySymbol = new(StringComparer.Ordinal);

    public DescriptorIndex(GrpcServiceRegistry registry)
    {
        ServiceNames = registry.ServiceNames.Order(StringComparer.Ordinal).ToArray();
        var roots = registry.Registrations.Select(r => r.Service.File)
            .Append(Google.Rpc.StatusReflection.Descriptor)
            .Append(Google.Rpc.ErrorDetailsReflection.Descriptor);
        foreach (var file in roots)
        {
            Add(file);
        }
    }

    public IReadOnlyList<string> ServiceNames { get; }

    public FileDescriptor? FindFile(string name) => _filesByName.GetValueOrDefault(name);

    /// <summary>The file declaring a fully-qualified service, method, message, field, enum or enum value.</summary>
    public FileDescriptor? FindFileContainingSymbol(string symbol) => _filesBySymbol.GetValueOrDefault(symbol);

    /// <summary>The file first, then each file it imports, directly or not, once each.</summary>
    public static IReadOnlyList<FileDescriptor> WithDependencies(FileDescriptor file)
    {
        var ordered = new List<FileDescriptor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<FileDescriptor>([file]);
        while (pending.TryDequeue(out var next))
        {
            if (seen.Add(next.Name))
            {
                ordered.Add(next);
                foreach (var dependency in next.Dependencies)
                {
                    pending.Enqueue(dependency);
                }
            }
        }

        return ordered;
    }

    private void Add(FileDescriptor file)
    {
        if (!_filesByName.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var service in file.Services)
        {
            _filesBySymbol[service.FullName] = file;
            foreach (var method in service.Methods)
            {
                _filesBySymbol[method.FullName] = file;
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }

        foreach (var enumType in file.EnumTypes)
        {
            AddEnum(enumType, file);
        }

        foreach (var dependency in file.Dependencies)
        {
            Add(dependency);
        }
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        _filesBySymbol[message.FullName] = file;
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            _filesBySymbol[field.FullName] = file;
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }

        foreach (var enumType in message.EnumTypes)
        {
            AddEnum(enumType, file);
        }
    }

    private void AddEnum(EnumDescriptor enumType, FileDescriptor file)
    {
        _filesBySymbol[enumType.FullName] = file;
        foreach (var value in enumType.Values)
        {
            _filesBySymbol[value.FullName] = file;
        }
    }
}
