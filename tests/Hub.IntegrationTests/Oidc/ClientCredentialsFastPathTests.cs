using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;

namespace Hub.IntegrationTests.Oidc;

/// <summary>
/// The client-credentials fast path against OpenIddict's pipeline: the same client in two hubs, one with the fast
/// path (default) and one without; tokens, responses and errors must not tell them apart.
/// </summary>
public sealed partial class ClientCredentialsFastPathTests(FastPathHubApp fast, PipelineHubApp pipeline)
    : IClassFixture<FastPathHubApp>, IClassFixture<PipelineHubApp>
{
    private const string Token = "/connect/token";
    private static readonly string[] Volatile = ["jti", "iat", "exp", "nbf"];

    [Theory]
    [InlineData("basic", "people:read")]
    [InlineData("basic", "people:write people:read")]
    [InlineData("basic", null)]
    [InlineData("post", "people:read")]
    public async Task FastPath_WellFormedRequest_IssuesTheTokenThePipelineIssues(string method, string? scope)
    {
        var (id, secret) = await TokenReply.RegisterAsync([fast, pipeline], HubScopes.PeopleRead, HubScopes.PeopleWrite);
        var before = fast.PipelineTokenRequests;

        var (fastReply, fastToken) = await IssueAsync(fast, id, secret, method, scope);
        var (pipelineReply, pipelineToken) = await IssueAsync(pipeline, id, secret, method, scope);

        Assert.Equal(before, fast.PipelineTokenRequests); // answered by the fast path
        Assert.True(pipeline.PipelineTokenRequests > 0);
        Assert.Equal(pipelineToken.Header, fastToken.Header); // typ at+jwt, alg, kid: byte for byte
        Assert.Equal(Names(pipelineToken.Payload), Names(fastToken.Payload)); // same claims, same order
        Assert.Equal(Stable(pipelineToken.Payload), Stable(fastToken.Payload));
        Assert.Equal(Lifetime(pipelineToken.Payload), Lifetime(fastToken.Payload));
        Assert.NotEqual(pipelineToken.Payload.GetProperty("jti").GetString(), fastToken.Payload.GetProperty("jti").GetString());
        Assert.Equal(pipelineReply.Status, fastReply.Status);
        Assert.Equal(pipelineReply.Headers, fastReply.Headers);
        Assert.Equal(Shape(pipelineReply.Body), Shape(fastReply.Body));
    }

    [Fact]
    public async Task FastPath_RepeatedRequests_SignsAFreshTokenEachTime()
    {
        var (id, secret) = await TokenReply.RegisterAsync([fast], HubScopes.PeopleRead);

        var first = await IssueAsync(fast, id, secret, "basic", HubScopes.PeopleRead);
        var second = await IssueAsync(fast, id, secret, "basic", HubScopes.PeopleRead);

        Assert.NotEqual(first.Token.Payload.GetProperty("jti").GetString(), second.Token.Payload.GetProperty("jti").GetString());
        Assert.NotEqual(AccessToken(first.Reply), AccessToken(second.Reply));
    }

    [Fact]
    public async Task FastPathToken_CallingThePeopleApi_IsAccepted()
    {
        var (id, secret) = await TokenReply.RegisterAsync([fast], HubScopes.PeopleRead);
        var (reply, _) = await IssueAsync(fast, id, secret, "basic", HubScopes.PeopleRead);
        using var client = fast.CreateClient();

        using var anonymous = await client.GetAsync(new Uri("/api/v1/people", UriKind.Relative));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken(reply));
        using var authenticated = await client.GetAsync(new Uri("/api/v1/people", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
    }

    [Fact]
    public async Task FastPathToken_Introspected_ReportsWhatThePipelineTokenReports()
    {
        var (id, secret) = await TokenReply.RegisterAsync([fast, pipeline], HubScopes.PeopleRead);
        var fastToken = AccessToken((await IssueAsync(fast, id, secret, "basic", HubScopes.PeopleRead)).Reply);
        var pipelineToken = AccessToken((await IssueAsync(pipeline, id, secret, "basic", HubScopes.PeopleRead)).Reply);

        // Both hubs sign with the same test key and issuer, so the fast-path hub can introspect either token.
        var ofFast = await IntrospectAsync(id, secret, fastToken);
        var ofPipeline = await IntrospectAsync(id, secret, pipelineToken);

        Assert.True(ofFast.GetProperty("active").GetBoolean());
        Assert.Equal(id, ofFast.GetProperty("client_id").GetString());
        Assert.Equal(Names(ofPipeline), Names(ofFast));
        Assert.Equal(Stable(ofPipeline), Stable(ofFast));
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("unknown-client")]
    [InlineData("scope-not-permitted")]
    [InlineData("scope-not-registered")]
    [InlineData("offline-access")]
    [InlineData("resource-parameter")]
    [InlineData("audience-parameter")]
    [InlineData("scope-twice")]
    [InlineData("secret-in-header-and-form")]
    [InlineData("other-grant")]
    [InlineData("no-credentials")]
    [InlineData("client-assertion")]
    [InlineData("malformed-basic")]
    public async Task TokenRequest_OutsideTheFastPath_GetsThePipelinesAnswer(string @case)
    {
        var (id, secret) = await TokenReply.RegisterAsync([fast, pipeline], HubScopes.PeopleRead);
        var (form, basic) = Request(@case, id, secret);
        var before = fast.PipelineTokenRequests;

        var fromFast = await TokenReply.PostAsync(fast, Token, form, basic);
        var fromPipeline = await TokenReply.PostAsync(pipeline, Token, form, basic);

        Assert.Equal(before + 1, fast.PipelineTokenRequests);
        Assert.Equal(fromPipeline.Status, fromFast.Status);
        Assert.Equal(fromPipeline.Headers, fromFast.Headers);
        Assert.Equal(Shape(fromPipeline.Body), Shape(fromFast.Body)); // errors byte for byte; OpenIddict accepts a repeated scope

    }

    [Fact]
    public async Task FastPath_OpenIdScope_FallsThroughAndGetsThePipelinesIdToken()
    {
        var (id, secret) = await TokenReply.RegisterAsync([fast], HubScopes.PeopleRead);
        var before = fast.PipelineTokenRequests;

        var reply = await TokenReply.PostAsync(fast, Token, Form(("scope", "openid")), TokenReply.Basic(id, secret));

        Assert.Equal(before + 1, fast.PipelineTokenRequests);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Contains("\"id_token\"", reply.Body, StringComparison.Ordinal);
    }

    private static (List<KeyValuePair<string, string>> Form, string? Basic) Request(string @case, string id, string secret) => @case switch
    {
        "wrong-secret" => (Form(("scope", "people:read")), TokenReply.Basic(id, secret + "x")),
        "unknown-client" => (Form(("scope", "people:read")), TokenReply.Basic(id + "-unknown", secret)),
        "scope-not-permitted" => (Form(("scope", "people:write")), TokenReply.Basic(id, secret)),
        "scope-not-registered" => (Form(("scope", "people:read nonsense")), TokenReply.Basic(id, secret)),
        "offline-access" => (Form(("scope", "offline_access")), TokenReply.Basic(id, secret)),
        "resource-parameter" => (Form(("resource", "https://api.example.cn/")), TokenReply.Basic(id, secret)),
        "audience-parameter" => (Form(("audience", "hub-api")), TokenReply.Basic(id, secret)),
        "scope-twice" => (Form(("scope", "people:read"), ("scope", "people:read")), TokenReply.Basic(id, secret)),
        "secret-in-header-and-form" => (Form(("client_secret", secret)), TokenReply.Basic(id, secret)),
        "other-grant" => ([new("grant_type", "password"), new("username", "a"), new("password", "b")], TokenReply.Basic(id, secret)),
        "no-credentials" => (Form(("scope", "people:read")), null),
        "client-assertion" => (Form(("client_id", id), ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", "eyJhbGciOiJFUzI1NiJ9.e30.AAAA")), null),
        "malformed-basic" => (Form(), "not*base64"),
        _ => throw new ArgumentOutOfRangeException(nameof(@case)),
    };

    private static List<KeyValuePair<string, string>> Form(params (string Key, string Value)[] extra) =>
        [new("grant_type", "client_credentials"), .. extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value))];

    private static async Task<(TokenReply Reply, (string Header, JsonElement Payload) Token)> IssueAsync(
        HubApp app, string id, string secret, string method, string? scope)
    {
        var form = Form(scope is null ? [] : [("scope", scope)]);
        var reply = method == "basic"
            ? await TokenReply.PostAsync(app, Token, form, TokenReply.Basic(id, secret))
            : await TokenReply.PostAsync(app, Token, [.. form, new("client_id", id), new("client_secret", secret)]);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var parts = AccessToken(reply).Split('.');
        return (reply, (Decode(parts[0]), JsonDocument.Parse(Decode(parts[1])).RootElement.Clone()));
    }

    private async Task<JsonElement> IntrospectAsync(string id, string secret, string token)
    {
        var reply = await TokenReply.PostAsync(fast, "/connect/introspect", [new("token", token)], TokenReply.Basic(id, secret));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return JsonDocument.Parse(reply.Body).RootElement.Clone();
    }

    private static string AccessToken(TokenReply reply) =>
        JsonDocument.Parse(reply.Body).RootElement.GetProperty("access_token").GetString()!;

    private static string Decode(string part) => Encoding.UTF8.GetString(
        Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/') + new string('=', (4 - part.Length % 4) % 4)));

    private static List<string> Names(JsonElement json) => [.. json.EnumerateObject().Select(p => p.Name)];

    private static Dictionary<string, string> Stable(JsonElement json) => json.EnumerateObject()
        .Where(p => !Volatile.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value.GetRawText());

    private static long Lifetime(JsonElement payload) => payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64();

    /// <summary>The response body with the token and its remaining seconds (which move with the clock) blanked.</summary>
    private static string Shape(string body) => ExpiresIn().Replace(AccessTokenValue().Replace(body, "\"access_token\": \"…\""), "\"expires_in\": n");

    [GeneratedRegex("\"access_token\": \"[^\"]+\"")]
    private static partial Regex AccessTokenValue();

    [GeneratedRegex("\"expires_in\": (599|600)")]
    private static partial Regex ExpiresIn();
}
