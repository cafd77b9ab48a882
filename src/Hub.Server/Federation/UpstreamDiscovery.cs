using System.Text.Json;

namespace Hub.Server.Federation;

public enum DiscoveryOutcome
{
    Valid,
    Unreachable,
    IssuerMismatch,
}

/// <summary>
/// Fetches an upstream's discovery document before a registration is saved, so that a typo in the issuer is refused
/// at once (with a clear problem) instead of surfacing as a failed sign-in of some person later.
/// </summary>
public sealed partial class UpstreamDiscovery(IHttpClientFactory httpClients, ILogger<UpstreamDiscovery> logger)
{
    /// <summary>The named HttpClient: short timeout, no retries (the platform waits on its PUT and can simply try again).</summary>
    public const string HttpClientName = "hub-federation-discovery";

    /// <summary>OpenID Connect Discovery 1.0 §4: the issuer (with a trailing slash) + ".well-known/openid-configuration".</summary>
    public static Uri MetadataAddress(Uri issuer) =>
        new(new Uri(issuer.OriginalString.EndsWith('/') ? issuer.OriginalString : issuer.OriginalString + "/"), ".well-known/openid-configuration");

    public async Task<DiscoveryOutcome> CheckAsync(Uri issuer, CancellationToken ct)
    {
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(MetadataAddress(issuer), ct);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, issuer, $"HTTP {(int)response.StatusCode}");
                return DiscoveryOutcome.Unreachable;
            }
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !HasString(root, "authorization_endpoint")
                || !HasString(root, "token_endpoint") || !HasString(root, "jwks_uri") || !HasString(root, "issuer"))
            {
                LogRefused(logger, issuer, "not OpenID provider metadata");
                return DiscoveryOutcome.Unreachable;
            }
            // Exact comparison, as Discovery §4.3 demands: the ID tokens will be checked against this very value.
            return root.GetProperty("issuer").GetString() == issuer.OriginalString ? DiscoveryOutcome.Valid : DiscoveryOutcome.IssuerMismatch;
        }
        catch (Exception e) when ((e is HttpRequestException or JsonException or TaskCanceledException) && !ct.IsCancellationRequested)
        {
            LogRefused(logger, issuer, e.GetType().Name);
            return DiscoveryOutcome.Unreachable;
        }
    }

    private static bool HasString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream discovery at {Issuer} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Uri issuer, string reason);
}
