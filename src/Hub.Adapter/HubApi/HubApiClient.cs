using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.HubApi;

/// <summary>One page of a change feed stream: items after <paramref name="Since"/> up to <paramref name="Until"/>.</summary>
/// <param name="Items">Feed items as JSON documents, each with "changeVersion".</param>
/// <param name="Since">The version asked from.</param>
/// <param name="Until">The version to ask from next (the page's "next").</param>
/// <param name="HasMore">More items wait after <paramref name="Until"/>.</param>
public sealed record FeedPage(IReadOnlyList<JsonElement> Items, long Since, long Until, bool HasMore);

/// <summary>One page of a snapshot.</summary>
/// <param name="Items">Records as JSON documents.</param>
/// <param name="SnapshotVersion">The hub's change version the snapshot reflects; follow the feed from there.</param>
/// <param name="Next">Cursor of the next page; null after the last.</param>
public sealed record SnapshotPage(IReadOnlyList<JsonElement> Items, long SnapshotVersion, string? Next);

/// <summary>
/// The hub's REST API as the adapter uses it: change feed and snapshots with a cached client-credentials token.
/// Timeouts, retries with jitter and a circuit breaker come from the resilience handler of its HttpClient.
/// </summary>
internal sealed class HubApiClient(IHttpClientFactory http, TokenProvider tokens, IOptions<HubAdapterOptions> options)
{
    internal const string HttpClientName = "hub-api";

    public Task<FeedPage> GetChangesAsync(string stream, long since, int limit, CancellationToken ct) =>
        GetAsync(string.Create(CultureInfo.InvariantCulture, $"api/v1/changes/{Uri.EscapeDataString(stream)}?since={since}&limit={limit}"), body => new FeedPage(
            Items(body), body.GetProperty("since").GetInt64(), Until(body), body.GetProperty("hasMore").GetBoolean()), ct);

    public Task<SnapshotPage> GetSnapshotAsync(string entity, string? after, int limit, CancellationToken ct) =>
        GetAsync(string.Create(CultureInfo.InvariantCulture,
                $"api/v1/snapshots/{Uri.EscapeDataString(entity)}?limit={limit}{(after is null ? "" : "&after=" + Uri.EscapeDataString(after))}"),
            body => new SnapshotPage(Items(body), body.GetProperty("snapshotVersion").GetInt64(),
                body.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null), ct);

    private async Task<T> GetAsync<T>(string path, Func<JsonElement, T> read, CancellationToken ct)
    {
        var hub = options.Value.HubUrl ?? throw new InvalidOperationException("HubAdapter:HubUrl is not set.");
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(hub, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(ct).ConfigureAwait(false));
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                // The token may have been revoked or the hub's keys rotated: one fresh token, then give up.
                tokens.Invalidate();
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new HubApiException($"GET {path.Split('?')[0]} answered {(int)response.StatusCode}.", response.StatusCode);
            }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
            return read(body);
        }
    }

    /// <summary>The version to continue from: "next" in the hub's pages ("until" in earlier drafts of the spec).</summary>
    private static long Until(JsonElement body) =>
        body.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.Number ? next.GetInt64() : body.GetProperty("until").GetInt64();

    private static List<JsonElement> Items(JsonElement body) =>
        body.GetProperty("items").EnumerateArray().Select(i => i.Clone()).ToList();
}
