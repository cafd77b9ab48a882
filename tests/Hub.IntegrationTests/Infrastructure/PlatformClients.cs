using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.Server.Oidc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Infrastructure;

/// <summary>Registers platform clients in the hub under test and hands out HttpClients carrying their real access tokens.</summary>
public static class PlatformClients
{
    public static Task<(string Id, string Secret)> RegisterAsync(HubApp app, string? region, JurisdictionLevel level, params string[] scopes) =>
        RegisterAsync(app.Factory, region, level, scopes);

    public static async Task<(string Id, string Secret)> RegisterAsync(WebApplicationFactory<Program> hub, string? region, JurisdictionLevel level, params string[] scopes)
    {
        var id = "platform-" + Guid.NewGuid().ToString("N")[..12];
        var secret = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "x";
        await using var scope = hub.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ClientRegistry>().RegisterAsync(new ClientRegistration(
            id, "测试平台 " + id, ClientKind.Platform, level, region, scopes, ClientSecret: secret, AllowClientCredentials: true));
        return (id, secret);
    }

    public static Task<HttpResponseMessage> RequestTokenAsync(HubApp app, string id, string secret, string scope) =>
        RequestTokenAsync(app.Factory, id, secret, scope);

    public static async Task<HttpResponseMessage> RequestTokenAsync(WebApplicationFactory<Program> hub, string id, string secret, string scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", scope)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));
        return await hub.CreateClient().SendAsync(request);
    }

    /// <summary>A platform of <paramref name="region"/> with the given scopes, as an authenticated HttpClient.</summary>
    public static Task<(HttpClient Client, string ClientId)> CreateAsync(HubApp app, string? region, params string[] scopes) =>
        CreateAsync(app.Factory, region, scopes);

    /// <summary>The same on any in-process hub (e.g. one that only prepares the database for a hub run as a process).</summary>
    public static async Task<(HttpClient Client, string ClientId)> CreateAsync(WebApplicationFactory<Program> hub, string? region, params string[] scopes)
    {
        var level = region is null ? JurisdictionLevel.National : region.EndsWith("0000", StringComparison.Ordinal)
            ? JurisdictionLevel.Province : region.EndsWith("00", StringComparison.Ordinal) ? JurisdictionLevel.City : JurisdictionLevel.County;
        var (id, secret) = await RegisterAsync(hub, region, level, scopes);
        using var response = await RequestTokenAsync(hub, id, secret, string.Join(' ', scopes));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var client = hub.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, id);
    }
}
