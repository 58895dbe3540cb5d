using Google.Protobuf;
using Grpc.Testing;
using MediatR;
using Onestop.Grpc;
using Onestop.Grpc.InteropServer;
using Onestop.Grpc.InteropServer.Features;

// A standalone TestService server, for interop runs by hand and for benchmarks/grpc.
// Options come from configuration: --Grpc:Port=5081, --Grpc:ApiKeys:0:Sha256=..., and --PlainPort=N to also
// serve the same unary work as plain HTTP/2 (POST /plain/unary, protobuf in and out) for comparison.
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
app.MapGrpcServices();
app.MapPost("/plain/unary", async (HttpContext http, IMediator mediator) =>
{
    var body = await http.Request.BodyReader.ReadAtLeastAsync(int.MaxValue, http.RequestAborted);
    var request = SimpleRequest.Parser.ParseFrom(body.Buffer);
    http.Request.BodyReader.AdvanceTo(body.Buffer.End);
    var response = await mediator.Send(new AnswerUnary(request, null), http.RequestAborted);
    http.Response.ContentType = "application/x-protobuf";
    http.Response.ContentLength = response.CalculateSize();
    response.WriteTo(http.Response.BodyWriter);
});
app.Run();
