using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hub.Adapter.Follow;
using Hub.Adapter.Tests.Support;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Adapter.Tests;

/// <summary>The follower against a stand-in for the hub's token endpoint, snapshot and change feed (real HTTP on loopback).</summary>
public sealed class FeedFollowerTests : IAsyncLifetime
{
    private const string PlatformId = "00112233445566aa";
    private TestDatabase database = null!;
    private WebApplication hub = null!;
    private int tokenRequests;
    private int feedFailuresLeft;
    private string? lastAssertion;
    // A feed with an unsettled window (when set): items above `settled` come back but `next` stays below them.
    private List<long>? window;
    private long settled;
    private readonly List<long> peopleSinces = [];

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("adapterfeed");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        hub = builder.Build();
        hub.MapPost("/connect/token", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref tokenRequests);
            var form = await request.ReadFormAsync();
            lastAssertion = form["client_assertion"];
            var basic = request.Headers.Authorization.ToString();
            var ok = lastAssertion is { Length: > 0 } || basic == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"platform-{PlatformId}:s3cret"));
            return ok ? Results.Json(new { access_token = "token-1", token_type = "Bearer", expires_in = 600 }) : Results.Json(new { error = "invalid_client" }, statusCode: 401);
        });
        hub.MapGet("/api/v1/snapshots/people", (string? after, HttpRequest request) =>
            request.Headers.Authorization != "Bearer token-1" ? Results.Unauthorized()
            : after is null
                ? Results.Json(new { items = new[] { Item("P1", 5), Item("P2", 6) }, snapshotVersion = 10, next = "c2" })
                : Results.Json(new { items = new[] { Item("P3", 7) }, snapshotVersion = 11, next = (string?)null }));
        hub.MapGet("/api/v1/changes/{stream}", (string stream, long since) =>
        {
            if (Interlocked.Decrement(ref feedFailuresLeft) >= 0)
            {
                return Results.StatusCode(503);   // transient: the resilience pipeline retries
            }
            if (stream == "people" && window is not null)
            {
                lock (peopleSinces)
                {
                    peopleSinces.Add(since);
                }
                var page = window.Where(v => v > since).Order().Take(2).ToList();
                var next = page.Where(v => v <= settled).DefaultIfEmpty(since).Max();
                return Results.Json(new { items = page.Select(v => Item("P" + v, v)), since, next, hasMore = window.Any(v => v > since) && page.Count == 2 && window.Max() > page[^1] });
            }
            return stream == "people" && since < 12
                ? Results.Json(new { items = new[] { Item("P1", 12) with { Name = "改名" } }, since, next = 12L, hasMore = false })
                : Results.Json(new { items = Array.Empty<object>(), since, next = since, hasMore = false });
        });
        await hub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await hub.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Follow_FirstTime_SnapshotThenFeedFromItsVersion_TokenCachedAndTransientErrorsRetried()
    {
        feedFailuresLeft = 2;
        using var host = Build(("HubAdapter:ClientSecret", "s3cret"));
        var follower = host.Get<FeedFollower>();

        await follower.FollowAsync(default);
        await follower.FollowAsync(default);

        var rows = await QueryAsync("SELECT key, change_version, body->>'name' FROM platform.hub_feed_items WHERE stream = 'people' ORDER BY key");
        Assert.Equal([("P1", 12L, "改名"), ("P2", 6L, "人员"), ("P3", 7L, "人员")], rows);
        Assert.Equal("12", await ScalarAsync("SELECT value FROM hub_adapter.cursors WHERE name = 'feed:people'"));
        Assert.Equal("10", await ScalarAsync("SELECT value FROM hub_adapter.cursors WHERE name = 'feed:people-deletes'"));
        Assert.Equal(1, tokenRequests);
    }

    [Fact]
    public async Task Follow_UnsettledWindow_NoticeReadsOnFromNewestSeenOrAnnounced_IntervalRereadsFromStoredCursor()
    {
        // Versions 13–20 committed except 16, whose transaction commits last.
        window = [13, 14, 15, 17, 18, 19, 20];
        settled = 12;
        using var host = Build(("HubAdapter:ClientSecret", "s3cret"));
        var follower = host.Get<FeedFollower>();

        await follower.FollowAsync(default);
        Assert.Equal(7, (await QueryAsync("SELECT key FROM platform.hub_feed_items WHERE stream = 'people' AND change_version > 12")).Count);
        Assert.Equal("10", await ScalarAsync("SELECT value FROM hub_adapter.cursors WHERE name = 'feed:people'"));

        window.AddRange([21, 22]);
        peopleSinces.Clear();
        await follower.FollowAsync(default, fromSeen: true);
        Assert.Equal([20L], peopleSinces);
        Assert.Equal(2, (await QueryAsync("SELECT key FROM platform.hub_feed_items WHERE stream = 'people' AND change_version > 20")).Count);

        window.Add(16);
        follower.Notify("people", 16);
        peopleSinces.Clear();
        await follower.FollowAsync(default, fromSeen: true);
        Assert.Equal(15L, peopleSinces[0]);
        Assert.Single(await QueryAsync("SELECT key FROM platform.hub_feed_items WHERE stream = 'people' AND change_version = 16"));
        Assert.Equal("10", await ScalarAsync("SELECT value FROM hub_adapter.cursors WHERE name = 'feed:people'"));

        settled = 22;
        peopleSinces.Clear();
        await follower.FollowAsync(default);
        Assert.Equal(10L, peopleSinces[0]);
        Assert.Equal("22", await ScalarAsync("SELECT value FROM hub_adapter.cursors WHERE name = 'feed:people'"));
    }

    [Fact]
    public async Task Token_PrivateKeyJwt_AssertionSignedWithThePlatformKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var host = Build(("HubAdapter:PrivateKey", key.ExportPkcs8PrivateKeyPem()), ("HubAdapter:KeyId", "p1"));

        await host.Get<FeedFollower>().FollowAsync(default);

        var parts = lastAssertion!.Split('.');
        var header = JsonDocument.Parse(Base64Url(parts[0])).RootElement;
        var payload = JsonDocument.Parse(Base64Url(parts[1])).RootElement;
        Assert.Equal("client-authentication+jwt", header.GetProperty("typ").GetString());
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal($"platform-{PlatformId}", payload.GetProperty("iss").GetString());
        Assert.Equal($"platform-{PlatformId}", payload.GetProperty("sub").GetString());
        Assert.Equal(HubUrl, payload.GetProperty("aud").GetString());
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256));
    }

    private string HubUrl => hub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

    private Microsoft.Extensions.Hosting.IHost Build(params (string Key, string Value)[] credentials) =>
        AdapterHost.Build(
        [
            ("HubAdapter:PlatformId", PlatformId), ("HubAdapter:Username", "unused"), ("HubAdapter:Password", "unused"),
            ("HubAdapter:HubUrl", HubUrl), ("HubAdapter:Follow:Enabled", "true"), ("HubAdapter:Follow:PageSize", "2"),
            ("HubAdapter:Follow:Streams:0", "people"), ("HubAdapter:Follow:Streams:1", "people-deletes"),
            .. AdapterHost.Database(database), .. credentials,
        ]);

    private static FeedItem Item(string hubId, long version) => new(hubId, "人员", version);

    private static byte[] Base64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4));

    private async Task<string?> ScalarAsync(string sql) => (await QueryAsync(sql)).Select(r => r.Item1).FirstOrDefault();

    private async Task<List<(string, long, string)>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.FieldCount > 1 ? reader.GetInt64(1) : 0, reader.FieldCount > 2 ? reader.GetString(2) : ""));
        }
        return rows;
    }

    private sealed record FeedItem(string HubId, string Name, long ChangeVersion);
}
