using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.Host.Tests;

/// <summary>Local accounts, their bearer tokens and lockout, and access tokens of an OpenID Connect provider, on the real host.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string Audience = "onestop-api";
    private readonly PlatformFactory platform = new();
    private readonly OidcProvider provider = new();
    private WebApplicationFactory<Program> host = null!;
    private HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)platform).InitializeAsync();
        await provider.StartAsync();
        host = platform.WithWebHostBuilder(builder => builder
            .UseSetting("Auth:PasswordIterations", "100000")
            .UseSetting("Auth:Oidc:Authority", provider.Authority)
            .UseSetting("Auth:Oidc:Audience", Audience)
            .UseSetting("Auth:Oidc:RequireHttpsMetadata", "false")
            .UseSetting("Auth:Oidc:UnitClaim", "ma_don_vi"));
        admin = host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await provider.DisposeAsync();
        await platform.DisposeAsync();
    }

    [Fact]
    public async Task a_login_gives_a_token_naming_the_official_their_unit_and_roles_and_the_api_honours_it()
    {
        await CreateAsync("lan.nt", "desk_officer", "Chưa-đoán-được-2026");

        var login = await LoginAsync("lan.nt", "Chưa-đoán-được-2026");
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement;
        result.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        result.GetProperty("user").GetProperty("displayName").GetString().ShouldBe("Nguyễn Thị Lan");
        using var official = Bearer(result.GetProperty("accessToken").GetString()!);

        var me = await official.GetFromJsonAsync<JsonElement>("/api/auth/me");
        me.GetProperty("userName").GetString().ShouldBe("lan.nt");
        me.GetProperty("unit").GetString().ShouldBe("001.32.00.H51");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["desk_officer"]);
        (await official.GetAsync("/api/dossiers?unit=001.32.00.H51")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await official.GetAsync("/api/statistics/summary?unit=001.32.00.H51&from=2026-01-01&to=2026-12-31")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_wrong_password_and_an_unknown_name_get_the_same_answer()
    {
        await CreateAsync("minh.tv", "specialist", "Mat-khau-dung-123");

        var wrong = await LoginAsync("minh.tv", "mat-khau-sai-123");
        var unknown = await LoginAsync("khong.co.ai", "mat-khau-sai-123");

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var wrongDetail = (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        var unknownDetail = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        wrongDetail.ShouldBe(unknownDetail);
        wrongDetail.ShouldBe("Tên đăng nhập hoặc mật khẩu không đúng.");
    }

    [Fact]
    public async Task concurrent_wrong_passwords_are_all_counted_and_lock_the_account_until_an_administrator_unlocks_it()
    {
        await CreateAsync("nam.lh", "leader", "Lanh-dao-ky-2026");

        // Five guesses at once, the limit: each is counted, so the account is locked even though they raced.
        var guesses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => LoginAsync("nam.lh", $"doan-mo-{i}-xyz")));
        guesses.Count(g => g.StatusCode == (HttpStatusCode)423).ShouldBe(1);
        guesses.Count(g => g.StatusCode == HttpStatusCode.Unauthorized).ShouldBe(4);

        var locked = await LoginAsync("nam.lh", "Lanh-dao-ky-2026");
        locked.StatusCode.ShouldBe((HttpStatusCode)423);
        (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldStartWith("Tài khoản tạm bị khóa");

        (await admin.PostAsync("/api/accounts/nam.lh/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await LoginAsync("nam.lh", "Lanh-dao-ky-2026")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task passwords_are_kept_only_as_salted_hashes_and_never_shown()
    {
        await CreateAsync("hash.a", "auditor", "Cung-mot-mat-khau-1");
        await CreateAsync("hash.b", "auditor", "Cung-mot-mat-khau-1");

        await using var db = host.Services.GetRequiredService<NpgsqlDataSource>().CreateConnection();
        var hashes = (await db.QueryAsync<string>("select password_hash from accounts where user_name in ('hash.a', 'hash.b')")).ToList();
        hashes.Count.ShouldBe(2);
        hashes.ShouldAllBe(h => h.StartsWith("pbkdf2-sha256$100000$") && !h.Contains("Cung-mot-mat-khau"));
        hashes[0].ShouldNotBe(hashes[1]);
        (await admin.GetStringAsync("/api/accounts")).ShouldNotContain("pbkdf2");
    }

    [Fact]
    public async Task a_disabled_account_cannot_log_in_and_a_changed_password_replaces_the_old_one()
    {
        await CreateAsync("ha.dt", "auditor", "Mat-khau-cu-2026");
        using var official = Bearer(await TokenAsync("ha.dt", "Mat-khau-cu-2026"));

        var change = await official.PostAsJsonAsync("/api/auth/password", new { currentPassword = "Mat-khau-cu-2026", newPassword = "Mat-khau-moi-2027" });
        change.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await LoginAsync("ha.dt", "Mat-khau-cu-2026")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginAsync("ha.dt", "Mat-khau-moi-2027")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PatchAsJsonAsync("/api/accounts/ha.dt", new { disabled = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await LoginAsync("ha.dt", "Mat-khau-moi-2027");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("auth.account_disabled");
    }

    [Fact]
    public async Task an_account_with_an_unknown_role_or_a_weak_password_is_refused_with_each_field_named()
    {
        var response = await admin.PostAsJsonAsync("/api/accounts", new { userName = "có dấu", displayName = "", unit = "001.32.00.H51", roles = new[] { "desk_officer", "boss" }, password = "ngan" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        fields.ShouldBe(["userName", "displayName", "roles[1]", "password"], ignoreOrder: true);
    }

    [Fact]
    public async Task a_forged_or_tampered_token_is_anonymous()
    {
        await CreateAsync("forge.me", "administrator", "Quan-tri-vien-2026");
        var token = await TokenAsync("forge.me", "Quan-tri-vien-2026");
        var parts = token.Split('.');
        var claims = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[1])).RootElement;
        claims.GetProperty("role").GetString().ShouldBe("administrator");

        // The same claims signed with another key, and the genuine signature on other claims.
        var forged = new JsonWebTokenHandler().CreateToken(parts[1] is { } payload ? Base64UrlEncoder.Decode(payload) : "",
            new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256));
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(parts[1]).Replace("forge.me", "other.admin"))}.{parts[2]}";

        foreach (var bad in new[] { forged, tampered })
        {
            using var client = Bearer(bad);
            var response = await client.GetAsync("/api/accounts");
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        }
    }

    [Fact]
    public async Task an_access_token_of_the_configured_openid_connect_provider_is_accepted_with_its_roles_and_unit()
    {
        using var official = Bearer(provider.Issue("hong.pt", ["catalogue_controller"], "000.00.00.H51", Audience));

        var me = await official.GetFromJsonAsync<JsonElement>("/api/auth/me");
        me.GetProperty("userName").GetString().ShouldBe("hong.pt");
        me.GetProperty("unit").GetString().ShouldBe("000.00.00.H51");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["catalogue_controller"]);
        (await official.GetAsync("/api/accounts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var otherAudience = Bearer(provider.Issue("hong.pt", ["administrator"], "000.00.00.H51", "another-app"));
        (await otherAudience.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task CreateAsync(string userName, string role, string password)
    {
        var displayName = userName == "lan.nt" ? "Nguyễn Thị Lan" : "Cán bộ " + userName;
        var response = await admin.PostAsJsonAsync("/api/accounts", new { userName, displayName, unit = "001.32.00.H51", roles = new[] { role }, password });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> LoginAsync(string userName, string password)
    {
        using var anonymous = TestOfficial.Clear(host.CreateClient());
        return await anonymous.PostAsJsonAsync("/api/auth/login", new { userName, password });
    }

    private async Task<string> TokenAsync(string userName, string password)
    {
        var response = await LoginAsync(userName, password);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private HttpClient Bearer(string token)
    {
        var client = TestOfficial.Clear(host.CreateClient());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A minimal OpenID Connect provider on loopback: its discovery document and signing keys, and tokens signed with them.</summary>
    private sealed class OidcProvider : IAsyncDisposable
    {
        private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "test-key-1" };
        private WebApplication? app;

        public string Authority { get; private set; } = "";

        public async Task StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            app = builder.Build();
            app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Authority,
                ["jwks_uri"] = Authority + "/jwks",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }));
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
            app.MapGet("/jwks", () => Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } }));
            await app.StartAsync();
            Authority = app.Urls.Single();
        }

        public string Issue(string userName, string[] roles, string unit, string audience)
        {
            var claims = new List<Claim> { new("preferred_username", userName), new("ma_don_vi", unit) };
            claims.AddRange(roles.Select(role => new Claim("roles", role)));
            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Authority,
                Audience = audience,
                Expires = DateTime.UtcNow.AddMinutes(10),
                Subject = new ClaimsIdentity(claims),
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            });
        }

        public async ValueTask DisposeAsync()
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}
