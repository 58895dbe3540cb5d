using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Onestop.Grpc.Health;
using Onestop.Grpc.InteropServer;
using Onestop.Testing.V1;
using Xunit;

namespace Onestop.Grpc.Tests.Interop;

/// <summary>
/// A real Kestrel host on a free loopback port serving TestService, Faults, health and reflection through the
/// transport, as the platform's host would. One per test run: interop clients and raw HTTP/2 tests share it.
/// </summary>
public sealed class GrpcHostFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string ApiKey = "interop-key-3f9c";
    public const string LimitedApiKey = "limited-key-81ad";

    private readonly IReadOnlyDictionary<string, string?> _overrides;
    private WebApplication? _app;

    public GrpcHostFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A host with some "Grpc" settings changed, for a test of configuration; start it with InitializeAsync.</summary>
    internal GrpcHostFixture(IReadOnlyDictionary<string, string?> overrides)
    {
        _overrides = overrides;
    }

    public int Port { get; private set; }

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("onestop-grpc-tests-").FullName;

    /// <summary>While this file exists the readiness probe says "not ready".</summary>
    public string ReadinessFile => Path.Combine(WorkDirectory, "not-ready");

    public string DescriptorSetFile => Path.Combine(WorkDirectory, "descriptors.pb");

    public CapturedLogs Logs { get; } = new();

    public bool UsesTls => _overrides.ContainsKey("Grpc:CertificatePath");

    public Uri BaseAddress => new($"{(UsesTls ? "https" : "http")}://127.0.0.1:{Port}");

    public CancellationRecorder Cancellations => _app!.Services.GetRequiredService<CancellationRecorder>();

    public async Task InitializeAsync()
    {
        Port = FreeLoopbackPort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grpc:Port"] = Port.ToString(),
            ["Grpc:ListenAddress"] = "127.0.0.1",
            ["Grpc:HealthPollInterval"] = "00:00:00.100",
            ["Grpc:ApiKeys:0:Caller"] = "national-portal",
            ["Grpc:ApiKeys:0:Sha256"] = Sha256Hex(ApiKey),
            ["Grpc:ApiKeys:0:Permissions:0"] = "grpc.testing.TestService/*",
            ["Grpc:ApiKeys:0:Permissions:1"] = "onestop.testing.v1.Faults/*",
            ["Grpc:ApiKeys:1:Caller"] = "document-management",
            ["Grpc:ApiKeys:1:Sha256"] = Sha256Hex(LimitedApiKey),
            ["Grpc:ApiKeys:1:Permissions:0"] = "grpc.testing.TestService/EmptyCall",
        });
        builder.Configuration.AddInMemoryCollection(_overrides);
        builder.Logging.ClearProviders().AddProvider(Logs);

        builder.Services.AddSingleton<IReadinessProbe>(new FileReadinessProbe(ReadinessFile));
        builder.Services.AddSingleton<CancellationRecorder>();
        builder.Services.AddInteropTestService(builder.Configuration);
        builder.Services.AddTransient<IRequestHandler<FailAs, FailResponse>, FailAsHandler>();
        builder.Services.AddGrpcService<FaultsAdapter>(FaultsReflection.Descriptor.Services[0]);

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureGrpcEndpoint());

        _app = builder.Build();
        _app.MapGrpcServices();
        await _app.StartAsync();
        await File.WriteAllBytesAsync(DescriptorSetFile, Onestop.Grpc.Reflection.ProtoSets.Of(
            global::Grpc.Testing.TestReflection.Descriptor, global::Grpc.Health.V1.HealthReflection.Descriptor,
            global::Grpc.Reflection.V1.ReflectionReflection.Descriptor, global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor,
            Google.Rpc.StatusReflection.Descriptor, Google.Rpc.ErrorDetailsReflection.Descriptor, FaultsReflection.Descriptor));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(WorkDirectory, recursive: true);
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Sha256Hex(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    private sealed class FileReadinessProbe(string path) : IReadinessProbe
    {
        public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => Task.FromResult(!File.Exists(path));
    }
}

[CollectionDefinition(Name)]
public sealed class GrpcHostCollection : ICollectionFixture<GrpcHostFixture>
{
    public const string Name = "gRPC host";
}
