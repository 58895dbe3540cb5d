using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Onestop.Messaging.Authorization;
using Onestop.Messaging.Http;
using Onestop.TestSupport;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Onestop.Host.Tests;

/// <summary>
/// Every REST endpoint under /api, called anonymously and as an official of each role: those its access rule names get
/// through (whatever the handler then says of the junk request), everybody else is refused before the handler runs.
/// </summary>
public sealed partial class AuthorizationMatrixTests(PlatformFactory factory, ITestOutputHelper output) : IClassFixture<PlatformFactory>
{
    /// <summary>
    /// What an auditor may send besides GETs: reads sent as POST because their body carries a secret, and the change of
    /// their own password.
    /// </summary>
    private static readonly HashSet<string> AuditorMaySend = ["POST /api/dossiers/{id:guid}/forms/receipt", "POST /api/auth/password"];

    [Fact]
    public void every_api_endpoint_declares_who_may_call_it()
    {
        var undeclared = ApiEndpoints()
            .Where(e => !e.Endpoint.Metadata.Any(m => m is AllowedRolesAttribute or IAllowAnonymous))
            .Select(e => e.Name)
            .ToList();

        undeclared.ShouldBeEmpty("give these endpoints .AccessOf<TRequest>(), .Roles(...) or .AllowAnonymous()");
    }

    [Fact]
    public async Task each_endpoint_lets_in_the_roles_it_names_and_refuses_the_others_and_anonymous_callers()
    {
        var endpoints = ApiEndpoints();
        endpoints.Count.ShouldBeGreaterThan(60);
        var failures = new List<string>();
        foreach (var (name, method, path, endpoint) in endpoints)
        {
            var required = PlatformAuthorization.RequiredRoles(endpoint)?.Roles;
            var contentType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault(t => !t.Contains('*')) ?? "application/json";
            var anonymous = await SendAsync(method, path, contentType, identity: null);
            if (required is null)
            {
                Expect(failures, name, "anonymous", anonymous, refused: false);
            }
            else
            {
                Expect(failures, name, "anonymous", anonymous, refused: true, code: "auth.unauthenticated", status: HttpStatusCode.Unauthorized);
            }

            foreach (var role in Roles.All)
            {
                var allowed = required is null || role == Roles.Administrator || required.Contains(role);
                var answer = await SendAsync(method, path, contentType, new TestOfficial($"matrix-{role}", TestOfficial.DefaultUnit, role));
                Expect(failures, name, role, answer, refused: !allowed, code: "auth.role_required", status: HttpStatusCode.Forbidden);
            }
        }

        output.WriteLine($"{endpoints.Count} endpoints, each called anonymously and with {Roles.All.Count} roles");
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void an_auditor_only_reads_and_a_statistics_viewer_sees_no_dossier()
    {
        foreach (var (name, method, _, endpoint) in ApiEndpoints())
        {
            var required = PlatformAuthorization.RequiredRoles(endpoint)?.Roles;
            if (required is null)
            {
                continue;
            }

            if (method != "GET" && !AuditorMaySend.Contains(name))
            {
                required.ShouldNotContain(Roles.Auditor, $"{name} changes something, and auditors only read");
            }

            if (name.Contains(" /api/dossiers", StringComparison.Ordinal) || name.Contains(" /api/documents", StringComparison.Ordinal))
            {
                required.ShouldNotContain(Roles.StatisticsViewer, $"{name} shows a dossier's content");
            }
        }
    }

    private static void Expect(List<string> failures, string endpoint, string caller, Answer answer, bool refused, string? code = null,
        HttpStatusCode? status = null)
    {
        if ((int)answer.Status >= 500)
        {
            failures.Add($"{endpoint} as {caller}: {(int)answer.Status} {answer.Code}");
        }
        else if (refused && (answer.Status != status || answer.Code != code))
        {
            failures.Add($"{endpoint} as {caller}: expected {(int)status!} {code}, got {(int)answer.Status} {answer.Code}");
        }
        else if (!refused && answer.Code is "auth.unauthenticated" or "auth.role_required")
        {
            failures.Add($"{endpoint} as {caller}: refused with {(int)answer.Status} {answer.Code}");
        }
    }

    private async Task<Answer> SendAsync(string method, string path, string contentType, TestOfficial? identity)
    {
        using var client = factory.CreateClient();
        if (identity is null)
        {
            TestOfficial.Clear(client);
        }
        else
        {
            identity.ApplyTo(client);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(path));
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent(contentType.Contains("json") ? "{}" : "x", Encoding.UTF8, contentType);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            code = JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var value) ? value.GetString() : null;
        }

        return new Answer(response.StatusCode, code);
    }

    /// <summary>A route pattern with its parameters filled in: a fresh id, a year, or a name nobody has.</summary>
    private static string Concrete(string pattern) => Parameter().Replace(pattern, match => match.Groups["constraint"].Value switch
    {
        ":guid" => Guid.NewGuid().ToString(),
        ":int" => "2026",
        _ => "khong-co",
    });

    private List<(string Name, string Method, string Path, RouteEndpoint Endpoint)> ApiEndpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(method => ($"{method} {e.RoutePattern.RawText}", method, e.RoutePattern.RawText!, e)))
            .OrderBy(e => e.Item1, StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"\{(?<name>[^}:?]+)(?<constraint>:[^}?]*)?\??\}")]
    private static partial Regex Parameter();

    private sealed record Answer(HttpStatusCode Status, string? Code);
}
