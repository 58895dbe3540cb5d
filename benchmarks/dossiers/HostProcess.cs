using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Onestop.Dossiers.Benchmarks;

/// <summary>
/// The real host (src/Host, Release build) as a separate process on its own REST and gRPC ports on 127.0.0.1, with
/// one API key allowed everything and the development identity headers; killed when disposed.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 40;
    private readonly Process process;
    private readonly ConcurrentQueue<string> output;

    private HostProcess(Process process, ConcurrentQueue<string> output, Uri rest, Uri grpc)
    {
        this.process = process;
        this.output = output;
        Rest = rest;
        Grpc = grpc;
    }

    public Uri Rest { get; }

    public Uri Grpc { get; }

    public static async Task<HostProcess> StartAsync(
        string connectionString, string apiKey, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var root = RepositoryRoot();
        var bin = Path.Combine(root, "src", "Host", "bin", "Release", "net10.0");
        var dll = Path.Combine(bin, "Onestop.Host.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine($"Building the host ({dll} is missing)");
            await RunToEndAsync("dotnet", root, cancellationToken, "build", "src/Host", "-c", "Release");
        }

        var (restPort, grpcPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = bin, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Platform"] = connectionString,
            ["Kestrel__Endpoints__Rest__Url"] = $"http://127.0.0.1:{restPort}",
            ["Grpc__Port"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Grpc__ListenAddress"] = "127.0.0.1",
            ["Grpc__ApiKeys__0__Caller"] = "bench-portal",
            ["Grpc__ApiKeys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey))),
            ["Grpc__ApiKeys__0__Permissions__0"] = "*",
            ["Auth__TrustedHeaders"] = "true",
            ["Catalogue__LoadSampleOnEmpty"] = "false",
            // Writing a console line per request would cost the host CPU the benchmark means to measure.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Onestop"] = "Warning",
        };
        foreach (var (key, value) in settings.Concat(extraSettings ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, line) => Keep(output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, output, new Uri($"http://127.0.0.1:{restPort}"), new Uri($"http://127.0.0.1:{grpcPort}"));
        try
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>A port nothing listens on now, for a server about to start.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Rest, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode}:\n{string.Join('\n', output)}");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"The host was not ready after {timeout.TotalSeconds:0} s:\n{string.Join('\n', output)}");
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (output.Count > KeptOutputLines)
        {
            output.TryDequeue(out _);
        }
    }

    private static async Task RunToEndAsync(string file, string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed:\n{await stdout}{await stderr}");
        }
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Platform.sln not found above the benchmark or the current directory.");
    }
}
