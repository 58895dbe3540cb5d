using Onestop.Grpc;
using Onestop.Grpc.InteropServer;

// A standalone TestService server, for interop runs by hand and for benchmarks/grpc. Options come from
// configuration: --Grpc:Port=5081, --Grpc:ApiKeys:0:Sha256=... and so on; --PlainPort=N also serves the same
// unary work as plain HTTP/2 (POST /plain/unary) and the grpc-status counts (GET /stats/grpc-status).
// "descriptors FILE" writes TestService's FileDescriptorSet and exits.
if (args is ["descriptors", var path])
{
    File.WriteAllBytes(path, BenchmarkSupport.DescriptorSet());
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddInteropTestService(builder.Configuration);

var grpcOptions = builder.Configuration.GetSection(GrpcOptions.SectionName).Get<GrpcOptions>() ?? new GrpcOptions();
var plainPort = builder.Configuration.GetValue<int?>("PlainPort");
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.ConfigureGrpcEndpoint(grpcOptions);
    if (plainPort is { } port)
    {
        kestrel.ListenAnyIP(port, listen => listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
    }
});

var app = builder.Build();
if (plainPort is not null)
{
    app.Use(BenchmarkSupport.CountGrpcStatus);
    app.MapBenchmarkEndpoints();
}

app.MapGrpcServices();
app.Run();
