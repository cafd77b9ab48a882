using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Hub.Testing;

namespace Hub.IntegrationTests.Specs;

/// <summary>The authentication spec (specs/auth) against the running provider: discovery and the scope table.</summary>
public sealed partial class AuthSpecTests(HubApp app) : IClassFixture<HubApp>
{
    private static readonly string[] Lists =
    [
        "grant_types_supported", "response_types_supported", "response_modes_supported", "scopes_supported", "claims_supported",
        "subject_types_supported", "code_challenge_methods_supported", "prompt_values_supported", "token_endpoint_auth_methods_supported",
        "introspection_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported",
    ];

    private static readonly string[] Endpoints =
    [
        "authorization_endpoint", "token_endpoint", "introspection_endpoint", "end_session_endpoint", "revocation_endpoint",
        "userinfo_endpoint", "pushed_authorization_request_endpoint", "jwks_uri",
    ];

    [Fact]
    public async Task DiscoveryExample_ComparedWithServed_PublishesTheSameCapabilitiesAndEndpoints()
    {
        using var served = JsonDocument.Parse(await app.CreateClient().GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative)));
        using var example = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("specs", "auth", "examples", "discovery.json")));
        var (s, e) = (served.RootElement, example.RootElement);

        foreach (var list in Lists)
        {
            Assert.True(Set(e, list).SetEquals(Set(s, list)),
                $"specs/auth/examples/discovery.json {list}: [{string.Join(", ", Set(e, list))}]; the hub: [{string.Join(", ", Set(s, list))}]");
        }
        foreach (var endpoint in Endpoints)
        {
            Assert.Equal(Path(e, endpoint), Path(s, endpoint));
        }
    }

    [Fact]
    public void ScopeTable_ComparedWithHubScopes_ListsEveryScope()
    {
        var text = File.ReadAllText(RepositoryRoot.File("specs", "auth", "README.md"));
        var section = text[text.IndexOf("## 3.", StringComparison.Ordinal)..text.IndexOf("## 4.", StringComparison.Ordinal)];
        var inTable = section.Split('\n').Where(l => l.StartsWith('|'))
            .SelectMany(l => ScopeCell().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

        var missing = HubScopes.Identity.Concat(HubScopes.Api).Except(inTable).ToList();
        var unknown = inTable.Except(HubScopes.Identity.Concat(HubScopes.Api)).ToList();
        Assert.True(missing.Count == 0 && unknown.Count == 0,
            $"specs/auth/README.md §3: missing [{string.Join(", ", missing)}], not scopes of the hub [{string.Join(", ", unknown)}]");
    }

    private static HashSet<string> Set(JsonElement root, string name) =>
        root.TryGetProperty(name, out var list) ? [.. list.EnumerateArray().Select(v => v.GetString()!)] : [];

    private static string Path(JsonElement root, string name) => new Uri(root.GetProperty(name).GetString()!).AbsolutePath;

    [GeneratedRegex("`([a-z_:]+)`")]
    private static partial Regex ScopeCell();
}
