using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Host.Tests;

public sealed class OpenApiTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task the_document_describes_every_rest_endpoint_with_its_method_and_nothing_outside_the_api()
    {
        using var client = factory.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/admin-v1.json")).RootElement;

        document.GetProperty("openapi").GetString().ShouldStartWith("3.1");
        var described = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();
        var served = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => $"{method} {Normalize(e.RoutePattern.RawText!)}"))
            .ToHashSet();

        served.ShouldNotBeEmpty();
        served.Except(described).ShouldBeEmpty("served but not described");
        described.Except(served).ShouldBeEmpty("described but not served");
        described.ShouldContain("POST /api/catalogue/procedures");
    }

    [Fact]
    public async Task a_command_is_described_with_its_request_body_schema()
    {
        using var client = factory.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/admin-v1.json")).RootElement;

        var publish = document.GetProperty("paths").GetProperty("/api/catalogue/procedures").GetProperty("post");
        var schema = publish.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        schema.GetProperty("$ref").GetString().ShouldEndWith("/PublishProcedure");
        document.GetProperty("components").GetProperty("schemas").GetProperty("PublishProcedure").GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).ShouldBe(["code", "content", "decision"], ignoreOrder: true);
    }

    /// <summary>Route constraints ({year:int}) and a group's trailing slash are not part of an OpenAPI path.</summary>
    private static string Normalize(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:?]+)(:[^}]*)?\??\}", "{$1}").TrimEnd('/');
}
