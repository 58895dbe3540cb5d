using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Onestop.Grpc.Auth;
using Shouldly;
using Xunit;

namespace Onestop.Grpc.Tests.Auth;

public sealed class ApiKeyTests
{
    [Theory]
    [InlineData("*", "onestop.dossiers.v1.DossierSync", "ReceiveDossier", true)]
    [InlineData("onestop.dossiers.v1.DossierSync/*", "onestop.dossiers.v1.DossierSync", "ReceiveDossier", true)]
    [InlineData("onestop.dossiers.v1.DossierSync/ReceiveDossier", "onestop.dossiers.v1.DossierSync", "ReceiveDossier", true)]
    [InlineData("onestop.dossiers.v1.DossierSync/GetDossier", "onestop.dossiers.v1.DossierSync", "ReceiveDossier", false)]
    [InlineData("onestop.dossiers.v1.DossierSync/*", "onestop.dossiers.v1.DossierSyncAdmin", "ReceiveDossier", false)]
    [InlineData("onestop.dossiers.v1/*", "onestop.dossiers.v1.DossierSync", "ReceiveDossier", false)]
    public void a_permission_grants_a_method_its_service_or_everything(string permission, string service, string method, bool allowed) =>
        new GrpcCaller("portal", [permission]).MayCall(service, method).ShouldBe(allowed);

    [Fact]
    public async Task a_key_is_recognised_by_its_hash_and_names_its_caller()
    {
        var authenticator = Authenticator(("national-portal", "key-one"), ("document-management", "key-two"));

        (await authenticator.AuthenticateAsync(WithKey("key-two")))!.Name.ShouldBe("document-management");
        (await authenticator.AuthenticateAsync(WithKey("key-three"))).ShouldBeNull();
        (await authenticator.AuthenticateAsync(WithKey(null))).ShouldBeNull();
    }

    [Fact]
    public void a_key_configured_in_clear_instead_of_its_hash_stops_the_host()
    {
        var options = new GrpcOptions { ApiKeys = [new ApiKeyOptions { Caller = "portal", Sha256 = "my-secret-key" }] };

        Should.Throw<OptionsValidationException>(() => new ApiKeyAuthenticator(Options.Create(options)))
            .Message.ShouldContain("64 hex digits");
    }

    private static ApiKeyAuthenticator Authenticator(params (string Caller, string Key)[] keys) =>
        new(Options.Create(new GrpcOptions
        {
            ApiKeys = keys.Select(k => new ApiKeyOptions
            {
                Caller = k.Caller,
                Sha256 = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(k.Key))),
                Permissions = ["*"],
            }).ToList(),
        }));

    private static HttpContext WithKey(string? key)
    {
        var http = new DefaultHttpContext();
        if (key is not null)
        {
            http.Request.Headers["x-api-key"] = key;
        }

        return http;
    }
}
