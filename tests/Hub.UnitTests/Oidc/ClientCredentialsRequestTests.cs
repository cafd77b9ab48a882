using System.Text;
using Hub.Server.Oidc;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;

namespace Hub.UnitTests.Oidc;

/// <summary>
/// What the client-credentials fast path takes and what it leaves to OpenIddict. Leaving a request is always
/// safe (the pipeline answers it); taking one it should not would not be, so the edges are pinned here.
/// </summary>
public sealed class ClientCredentialsRequestTests
{
    private static readonly OpenIddictServerOptions Options = CreateOptions();

    [Fact]
    public void TryRead_BasicWithEscapedSecret_UnescapesLikeOpenIddict()
    {
        // RFC 6749 §2.3.1: form-encoded before base64; '+' in the encoded form is a space.
        var ok = Read(Basic("gd-province:a%2Bb%2Fc+d"), ("grant_type", "client_credentials"), ("scope", "people:read people:write"));

        Assert.True(ok.Taken);
        Assert.Equal("gd-province", ok.Request.ClientId);
        Assert.Equal("a+b/c d", ok.Request.ClientSecret);
        Assert.Equal("people:read people:write", ok.Request.Scope);
        Assert.Equal(["people:read", "people:write"], ok.Request.Scopes);
    }

    [Fact]
    public void TryRead_PostWithoutScope_TakesTheFormCredentials()
    {
        var ok = Read(null, ("grant_type", "client_credentials"), ("client_id", "gd-province"), ("client_secret", "s"));

        Assert.True(ok.Taken);
        Assert.Equal("gd-province", ok.Request.ClientId);
        Assert.Null(ok.Request.Scope);
        Assert.Empty(ok.Request.Scopes);
    }

    [Theory]
    [InlineData("Basic Z2QtcHJvdmluY2U=")] // no colon
    [InlineData("Basic Z2QtcHJvdmluY2U6")] // empty secret
    [InlineData("Basic OnNlY3JldA==")] // empty client id
    [InlineData("Basic not*base64")]
    [InlineData("Bearer abc")]
    [InlineData("Basic w6k6c2VjcmV0")] // non-ASCII client id ("é")
    public void TryRead_UnusualAuthorization_LeavesItToThePipeline(string authorization) =>
        Assert.False(Read(authorization, ("grant_type", "client_credentials")).Taken);

    [Theory]
    [InlineData("grant_type", "password")]
    [InlineData("scope", "")]
    [InlineData("scope", "people:read  people:write")] // double space
    [InlineData("scope", " people:read")]
    [InlineData("scope", "people:read people:read")]
    [InlineData("scope", "openid")]
    [InlineData("scope", "offline_access")]
    [InlineData("scope", "unregistered")]
    [InlineData("scope", "people:read<x>")]
    [InlineData("resource", "https://api.example.cn/")]
    [InlineData("audience", "hub-api")]
    [InlineData("client_id", "gd-province")]
    [InlineData("client_secret", "s")]
    [InlineData("client_assertion", "x.y.z")]
    public void TryRead_UnusualParameter_LeavesItToThePipeline(string key, string value)
    {
        var form = new List<(string, string)> { ("grant_type", "client_credentials") };
        form.RemoveAll(p => p.Item1 == key);
        form.Add((key, value));

        Assert.False(Read(Basic("gd-province:s"), [.. form]).Taken);
    }

    [Fact]
    public void TryRead_RepeatedParameter_LeavesItToThePipeline()
    {
        var form = new FormCollection(new Dictionary<string, StringValues>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = new(["people:read", "people:read"]),
        });

        Assert.False(ClientCredentialsRequest.TryRead(Request(Basic("gd-province:s")), form, Options, out _));
    }

    private static (bool Taken, ClientCredentialsRequest Request) Read(string? authorization, params (string Key, string Value)[] form)
    {
        var collection = new FormCollection(form.ToDictionary(p => p.Key, p => new StringValues(p.Value)));
        var taken = ClientCredentialsRequest.TryRead(Request(authorization), collection, Options, out var request);
        return (taken, request);
    }

    private static HttpRequest Request(string? authorization)
    {
        var http = new DefaultHttpContext();
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }
        return http.Request;
    }

    private static string Basic(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

    private static OpenIddictServerOptions CreateOptions()
    {
        var options = new OpenIddictServerOptions();
        options.Scopes.UnionWith(["openid", "offline_access", "people:read", "people:write"]);
        options.ClientAuthenticationMethods.UnionWith(["client_secret_basic", "client_secret_post"]);
        return options;
    }
}
