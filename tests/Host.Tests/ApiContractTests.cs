using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Host.Tests;

/// <summary>
/// The committed contract of the admin REST API (contracts/openapi/admin-v1.json) and the clients generated from it
/// (src/AdminUi/src/api/generated.ts, tests/Host.Tests/ApiClient/AdminApiClient.g.cs) stay what the host serves and
/// what NSwag writes: each test fails on drift and says to run scripts/generate-api-clients.sh.
/// </summary>
public sealed class ApiContractTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private const string Regenerate = "run scripts/generate-api-clients.sh and commit what it writes";
    private static readonly string Root = PlatformServer.RepositoryRoot;
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task the_committed_document_is_the_one_the_host_serves()
    {
        var served = await ServedAsync();
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Root, "contracts/openapi/admin-v1.json")))!;

        var differences = Differences(committed, served, "$").Take(10).ToList();
        differences.ShouldBeEmpty($"contracts/openapi/admin-v1.json differs from the served document ({Regenerate}):\n{string.Join('\n', differences)}");
    }

    [Fact]
    public async Task the_committed_clients_are_what_nswag_generates_from_the_committed_document()
    {
        var output = Directory.CreateTempSubdirectory("onestop-clients-");
        try
        {
            var (exitCode, log) = await RunAsync(Path.Combine(Root, "scripts/generate-api-clients.sh"), "--clients-into", output.FullName);
            exitCode.ShouldBe(0, log);

            foreach (var (generated, committed) in new[]
                     {
                         ("generated.ts", "src/AdminUi/src/api/generated.ts"),
                         ("AdminApiClient.g.cs", "tests/Host.Tests/ApiClient/AdminApiClient.g.cs"),
                     })
            {
                var expected = await File.ReadAllTextAsync(Path.Combine(output.FullName, generated));
                var actual = await File.ReadAllTextAsync(Path.Combine(Root, committed));
                (actual == expected).ShouldBeTrue($"{committed} is not what NSwag generates from the committed document ({Regenerate}); first difference at "
                    + $"character {FirstDifference(actual, expected)}");
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task every_operation_has_a_unique_id_problem_details_for_errors_and_the_bearer_scheme_when_it_needs_an_official()
    {
        var document = await ServedAsync();
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Name: $"{operation.Key.ToUpperInvariant()} {path.Key}", Body: operation.Value!)))
            .ToList();

        operations.Count.ShouldBeGreaterThan(80);
        var ids = operations.Select(o => (string?)o.Body["operationId"]).ToList();
        ids.ShouldAllBe(id => !string.IsNullOrEmpty(id));
        ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("operation ids name the generated methods: no two alike");
        document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");

        foreach (var (name, operation) in operations)
        {
            var responses = operation["responses"]!.AsObject();
            ProblemOf(responses["default"]).ShouldBe("#/components/schemas/Problem", $"{name}: errors are problem details");
            responses.Where(r => r.Key.StartsWith('2') && r.Key != "204").ShouldAllBe(r => r.Value!["content"] != null, $"{name}: a success answers content");
            var secured = operation["security"] is JsonArray security && security.Single()!["Bearer"] is not null;
            (ProblemOf(responses["401"]) is not null).ShouldBe(secured, $"{name}: 401 when it needs an official");
            (ProblemOf(responses["403"]) is not null).ShouldBe(secured, $"{name}: 403 when it needs an official");
            (((string?)operation["description"])?.Contains("Roles: ") == true).ShouldBe(secured, $"{name}: the roles it needs are listed");
        }

        var securedIds = operations.Where(o => o.Body["security"] is not null).Select(o => (string)o.Body["operationId"]!).ToList();
        securedIds.ShouldContain("ReceiveDossier");
        securedIds.ShouldContain("DecideDossier");
        securedIds.ShouldContain("ListAccounts");
        securedIds.ShouldNotContain("Login");
        securedIds.ShouldNotContain("LookupDossierStatus");

        var text = document.ToJsonString();
        document["components"]!["schemas"]!.AsObject().Select(s => s.Key).Where(name => !text.Contains($"\"#/components/schemas/{name}\""))
            .ShouldBeEmpty("every schema of the document is used");

        var decision = document["paths"]!["/api/dossiers/{id}/decision"]!["post"]!;
        decision["parameters"]!.AsArray().Select(p => (string?)p!["name"]).ShouldContain("If-Match");
        decision["responses"]!["200"]!["headers"]!["ETag"].ShouldNotBeNull();
        var receipt = document["paths"]!["/api/dossiers/{id}/forms/receipt"]!["post"]!["responses"]!["200"]!["content"]!.AsObject();
        receipt.Select(c => c.Key).ShouldBe(["text/html", "application/pdf"], ignoreOrder: true);
        receipt["application/pdf"]!["schema"]!["format"]!.GetValue<string>().ShouldBe("binary");
        document["components"]!["schemas"]!["DossierView"]!["properties"]!["version"]!["type"]!.GetValue<string>()
            .ShouldBe("integer", "numbers are numbers, not 'integer or string'");
    }

    [Fact]
    public async Task swagger_ui_at_swagger_shows_the_admin_document()
    {
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync("/swagger/index.html");
        page.ShouldContain("swagger-ui");
        var settings = await client.GetStringAsync("/swagger/index.js");
        settings.ShouldContain("/openapi/admin-v1.json");
    }

    private async Task<JsonNode> ServedAsync()
    {
        using var client = factory.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync("/openapi/admin-v1.json"))!;
    }

    private static string? ProblemOf(JsonNode? response) => (string?)response?["content"]?["application/problem+json"]?["schema"]?["$ref"];

    /// <summary>The JSON paths where two documents differ (property order aside).</summary>
    private static IEnumerable<string> Differences(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!a.ContainsKey(key))
                    {
                        yield return $"{path}.{key}: committed but no longer served";
                    }
                    else if (!e.ContainsKey(key))
                    {
                        yield return $"{path}.{key}: served but not committed";
                    }
                    else
                    {
                        foreach (var difference in Differences(e[key], a[key], $"{path}.{key}"))
                        {
                            yield return difference;
                        }
                    }
                }

                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    foreach (var difference in Differences(e[i], a[i], $"{path}[{i}]"))
                    {
                        yield return difference;
                    }
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    yield return $"{path}: committed {expected?.ToJsonString(Readable) ?? "null"}, served {actual?.ToJsonString(Readable) ?? "null"}";
                }

                break;
        }
    }

    private static int FirstDifference(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return length;
    }

    private static async Task<(int ExitCode, string Log)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
