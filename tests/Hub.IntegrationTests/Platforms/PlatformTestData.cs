using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Hub.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RabbitMQ.Client;

namespace Hub.IntegrationTests.Platforms;

/// <summary>Fresh applications, platform keys and the platform's side of the handshake, so every test makes its own data.</summary>
internal sealed class PlatformTestData(HubApp app)
{
    /// <summary>The service scope that fits a region code's level (xx0000 province, xxxx00 city, else county).</summary>
    public static string ScopeOf(string region) => region.EndsWith("0000", StringComparison.Ordinal) ? "province"
        : region.EndsWith("00", StringComparison.Ordinal) ? "city" : "county";

    public static object Form(string scope = "city", string? name = null, string phone = "13800138000") => new
    {
        applicant = new
        {
            unit = "深圳市教育信息技术中心", address = "深圳市福田区", postcode = "518000",
            lead = new { name = "王五", phone, email = "lead@example.cn" },
            contact = new { name = "赵六", phone = "0755-12345678", email = "contact@example.cn" },
        },
        name = name ?? "测试平台" + Guid.NewGuid().ToString("N")[..6],
        url = "https://edu.example.cn/",
        registeredSchools = 120, registeredTeachers = 9000, registeredStudents = 150000, registeredParents = 120000,
        serviceScope = scope, developmentMode = "enterprise", technicalServiceProvider = "某某科技有限公司",
        securityLevel = 3, operationsStaff = 12, annualBudgetTenThousandYuan = 350.5m,
        dataCentreTypes = new[] { "hosted", "publicCloud" }, storageTb = 200m, physicalServers = 20, virtualServers = 120,
        egress = new { telecom = 1000, unicom = 500 },
    };

    /// <summary>The public half of <paramref name="key"/> as a JWKS.</summary>
    public static object Jwks(ECDsa key) => Jwks((key, "p1"));

    /// <summary>The public halves of several keys, each under its key id (a rotation publishes old and new together).</summary>
    public static object Jwks(params (ECDsa Key, string Kid)[] keys) => new
    {
        keys = keys.Select(k =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(k.Key.ExportParameters(false))));
            return new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = k.Kid, use = "sig", alg = "ES256" };
        }).ToArray(),
    };

    public Task<(HttpClient Client, string ClientId)> ApplicantAsync(string region) => PlatformClients.CreateAsync(app, region, HubScopes.PlatformsApply);

    public Task<(HttpClient Client, string ClientId)> ReviewerAsync(string region) => PlatformClients.CreateAsync(app, region, HubScopes.PlatformsReview);

    /// <summary>A draft of a city platform of <paramref name="region"/>; returns its id.</summary>
    public static async Task<string> DraftAsync(HttpClient applicant, string region, ECDsa? key)
    {
        using var response = await applicant.PostAsJsonAsync("/api/v1/platforms", new { regionCode = region, form = Form(ScopeOf(region)), jwks = key is null ? null : Jwks(key) });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>Draft → submitted → under review; returns the id.</summary>
    public static async Task<string> UnderReviewAsync(HttpClient applicant, HttpClient reviewer, string region, ECDsa? key)
    {
        var id = await DraftAsync(applicant, region, key);
        (await applicant.PostAsync($"/api/v1/platforms/{id}/submit", null)).EnsureSuccessStatusCode();
        (await reviewer.PostAsync($"/api/v1/platforms/{id}/review", null)).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>Up to approval; returns the id and the credentials issued (once).</summary>
    public static async Task<(string Id, JsonElement Credentials)> ApprovedAsync(HttpClient applicant, HttpClient reviewer, string region, ECDsa key)
    {
        var id = await UnderReviewAsync(applicant, reviewer, region, key);
        using var approve = await reviewer.PostAsync($"/api/v1/platforms/{id}/approve", null);
        var body = await approve.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(approve.IsSuccessStatusCode, body.ToString());
        return (id, body.GetProperty("credentials"));
    }

    /// <summary>Client credentials with private_key_jwt, signed with the platform's own key.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(string clientId, ECDsa key, string scope = "people:read orgs:read", string kid = "p1")
    {
        var assertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            TokenType = "client-authentication+jwt",
            Audience = "http://localhost/",
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
            Expires = DateTime.UtcNow.AddMinutes(2),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
        });
        return await app.CreateClient().PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"), new("scope", scope), new("client_id", clientId),
            new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), new("client_assertion", assertion),
        ]));
    }

    /// <summary>An HttpClient carrying a fresh access token of the platform's client.</summary>
    public async Task<HttpClient> PlatformClientAsync(string clientId, ECDsa key)
    {
        using var response = await RequestTokenAsync(clientId, key);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("access_token").GetString());
        return client;
    }

    /// <summary>An AMQP connection with the broker credentials approval issued.</summary>
    public static Task<IConnection> ConnectAsync(JsonElement credentials)
    {
        var rabbit = credentials.GetProperty("rabbitMq");
        return new ConnectionFactory
        {
            HostName = TestEnvironment.RabbitHost,
            Port = TestEnvironment.RabbitPort,
            VirtualHost = rabbit.GetProperty("virtualHost").GetString()!,
            UserName = rabbit.GetProperty("username").GetString()!,
            Password = rabbit.GetProperty("password").GetString()!,
            AutomaticRecoveryEnabled = false,
        }.CreateConnectionAsync();
    }
}
