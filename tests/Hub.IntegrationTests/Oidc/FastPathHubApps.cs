using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Hub.IntegrationTests.Oidc;

/// <summary>
/// A hub that counts the token requests reaching OpenIddict's pipeline, so a test can tell whether the
/// client-credentials fast path answered a request (the count stays) or let it through (the count grows).
/// </summary>
public class CountingHubApp : HubApp
{
    private int _pipelineTokenRequests;

    public int PipelineTokenRequests => Volatile.Read(ref _pipelineTokenRequests);

    protected override void ConfigureWebHost(IWebHostBuilder web) =>
        web.ConfigureTestServices(services => services.AddOpenIddict().AddServer(server =>
            server.AddEventHandler<ProcessRequestContext>(handler => handler
                .UseInlineHandler(context =>
                {
                    if (context.EndpointType == OpenIddictServerEndpointType.Token)
                    {
                        Interlocked.Increment(ref _pipelineTokenRequests);
                    }
                    return default;
                })
                .SetOrder(OpenIddictServerHandlers.InferEndpointType.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom))));
}

/// <summary>The hub as configured by default: the fast path is on.</summary>
public sealed class FastPathHubApp : CountingHubApp;

/// <summary>The same hub with Oidc:ClientCredentialsFastPath=false: every token request takes OpenIddict's pipeline.</summary>
public sealed class PipelineHubApp : CountingHubApp
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Oidc:ClientCredentialsFastPath", "false")];
}

/// <summary>A raw token endpoint exchange: what a test compares between the two hubs.</summary>
public sealed record TokenReply(HttpStatusCode Status, IReadOnlyList<string> Headers, string Body)
{
    public static async Task<TokenReply> PostAsync(HubApp app, string path, IEnumerable<KeyValuePair<string, string>> form, string? basic = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (basic is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        using var response = await app.CreateClient().SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}").Order(StringComparer.Ordinal).ToList();
        return new TokenReply(response.StatusCode, headers, await response.Content.ReadAsStringAsync());
    }

    /// <summary>client_secret_basic as RFC 6749 §2.3.1 writes it: both parts form-encoded, then base64.</summary>
    public static string Basic(string id, string secret) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}"));

    /// <summary>Registers the same platform (id, secret, region, scopes) in each hub, so both can answer for it.</summary>
    public static async Task<(string Id, string Secret)> RegisterAsync(IEnumerable<HubApp> apps, params string[] scopes)
    {
        var id = "platform-" + Guid.NewGuid().ToString("N")[..12];
        // Base64 has '+' and '/', which client_secret_basic escapes: the fast path must unescape as OpenIddict does.
        var secret = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "+/x";
        foreach (var app in apps)
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ClientRegistry>().RegisterAsync(new ClientRegistration(
                id, "测试平台 " + id, ClientKind.Platform, JurisdictionLevel.City, "440300", scopes,
                ClientSecret: secret, AllowClientCredentials: true));
        }
        return (id, secret);
    }
}
