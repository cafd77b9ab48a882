using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.HubApi;

/// <summary>
/// Client-credentials access tokens for the hub's REST API, cached until shortly before they expire.
/// <c>private_key_jwt</c> when a private key is configured, else <c>client_secret_basic</c> (transitional).
/// </summary>
internal sealed class TokenProvider(IHttpClientFactory http, IOptions<HubAdapterOptions> options, TimeProvider clock) : IDisposable
{
    internal const string HttpClientName = "hub-token";
    private readonly SemaphoreSlim gate = new(1, 1);
    private ECDsa? key;
    private (string Token, DateTimeOffset RenewAt)? cached;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (cached is { } current && clock.GetUtcNow() < current.RenewAt)
        {
            return current.Token;
        }
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (cached is { } again && clock.GetUtcNow() < again.RenewAt)
            {
                return again.Token;
            }
            var (token, lifetime) = await RequestAsync(ct).ConfigureAwait(false);
            // Renew a minute early (or at 80 % of short lifetimes), so a token never expires in flight.
            var margin = TimeSpan.FromSeconds(Math.Min(60, lifetime.TotalSeconds * 0.2));
            cached = (token, clock.GetUtcNow() + lifetime - margin);
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets the cached token (the API answered 401 with it).</summary>
    public void Invalidate() => cached = null;

    public void Dispose()
    {
        gate.Dispose();
        key?.Dispose();
    }

    private async Task<(string Token, TimeSpan Lifetime)> RequestAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var hub = settings.HubUrl ?? throw new InvalidOperationException("HubAdapter:HubUrl is not set.");
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (!string.IsNullOrWhiteSpace(settings.Scope))
        {
            form.Add(new("scope", settings.Scope));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hub, "connect/token"));
        if (!string.IsNullOrEmpty(settings.PrivateKey))
        {
            key ??= ClientAssertion.LoadKey(settings.PrivateKey);
            var audience = settings.AssertionAudience ?? hub.ToString();
            form.Add(new("client_id", settings.EffectiveClientId));
            form.Add(new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
            form.Add(new("client_assertion", ClientAssertion.Create(key, settings.KeyId, settings.EffectiveClientId, audience, clock.GetUtcNow())));
        }
        else if (!string.IsNullOrEmpty(settings.ClientSecret))
        {
            // RFC 6749 §2.3.1: form-encode id and secret before Basic.
            var basic = Uri.EscapeDataString(settings.EffectiveClientId) + ":" + Uri.EscapeDataString(settings.ClientSecret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        }
        else
        {
            throw new InvalidOperationException("Neither HubAdapter:PrivateKey nor HubAdapter:ClientSecret is set.");
        }
        request.Content = new FormUrlEncodedContent(form);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HubApiException($"The hub's token endpoint answered {(int)response.StatusCode}.", response.StatusCode);
        }
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(ct).ConfigureAwait(false)
            ?? throw new HubApiException("The hub's token endpoint answered without a body.", response.StatusCode);
        return (body.AccessToken, TimeSpan.FromSeconds(Math.Max(body.ExpiresIn, 10)));
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

/// <summary>The hub's REST API refused a request or answered something unusable.</summary>
public sealed class HubApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HubApiException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public HubApiException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public HubApiException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the HTTP status.</summary>
    public HubApiException(string message, System.Net.HttpStatusCode status) : base(message) => Status = status;

    /// <summary>The HTTP status the hub answered, when it answered.</summary>
    public System.Net.HttpStatusCode? Status { get; }
}
