using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Onestop.TestSupport;

/// <summary>
/// The real host listening on loopback ports, REST and gRPC, on its own fresh database: for clients that need a
/// socket (python3-grpcio, grpc-js, a browser). Integrating systems call gRPC with <see cref="PortalApiKey"/>.
/// </summary>
public class PlatformServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>An API key granted every gRPC method, configured (as its hash) for the caller "test-portal".</summary>
    public const string PortalApiKey = "test-portal-key-5e1d";

    private string connectionString = "";

    public int RestPort { get; } = FreeLoopbackPort();

    public int GrpcPort { get; } = FreeLoopbackPort();

    public Uri RestAddress => new($"http://127.0.0.1:{RestPort}");

    /// <summary>The host's database, for tests that look at what was stored.</summary>
    public string ConnectionString => connectionString;

    /// <summary>A protoset of every contract the host serves, for the python client (--descriptor_set).</summary>
    public string DescriptorSetFile { get; } = Path.Combine(Directory.CreateTempSubdirectory("onestop-server-").FullName, "contracts.pb");

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("server");
        UseKestrel();
        StartServer();
        await File.WriteAllBytesAsync(DescriptorSetFile, Grpc.Reflection.ProtoSets.OfServedServices(Services));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Platform", connectionString);
        builder.UseSetting("Catalogue:LoadSampleOnEmpty", "false");
        builder.UseSetting("Auth:TrustedHeaders", "true");
        builder.UseSetting("Kestrel:Endpoints:Rest:Url", RestAddress.ToString());
        builder.UseSetting("Grpc:Port", GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Grpc:ListenAddress", "127.0.0.1");
        builder.UseSetting("Grpc:ApiKeys:0:Caller", "test-portal");
        builder.UseSetting("Grpc:ApiKeys:0:Sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PortalApiKey))));
        builder.UseSetting("Grpc:ApiKeys:0:Permissions:0", "*");
        ConfigureSettings(builder);
    }

    /// <summary>Settings of a derived fixture (a module's folder, trusted certificates), applied after the shared ones.</summary>
    protected virtual void ConfigureSettings(IWebHostBuilder builder)
    {
    }

    /// <summary>A client of the REST port acting as <see cref="TestOfficial.Administrator"/>.</summary>
    public HttpClient CreateRestClient() => TestOfficial.Administrator.ApplyTo(new HttpClient { BaseAddress = RestAddress });

    /// <summary>Runs a script of tests/interop/python with Debian's python3 (the C-core gRPC), giving it the ports and key.</summary>
    public async Task<(int ExitCode, string Output)> RunPythonAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot, "tests/interop/python"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[script, "--server_port", GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--rest_url", RestAddress.ToString().TrimEnd('/'), "--api_key", PortalApiKey, "--descriptor_set", DescriptorSetFile, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        var output = $"python3 {string.Join(' ', start.ArgumentList)}\n{await stdout}{await stderr}";
        return (process.HasExited ? process.ExitCode : -1, output);
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Above the test binaries, or (when built with --artifacts-path elsewhere) above this source file.</summary>
    private static string FindRepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(thisFile) ?? "" })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Platform.sln not found above the test binaries nor above " + thisFile);
    }
}
