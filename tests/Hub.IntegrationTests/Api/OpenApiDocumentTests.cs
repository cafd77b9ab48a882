using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hub.IntegrationTests.Infrastructure;
using Hub.Testing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Api;

/// <summary>
/// specs/api/openapi.json is the open interface spec: generated from the code, committed, and held equal to what the
/// hub serves. `./hub.sh openapi` regenerates it (this class with HUB_OPENAPI_WRITE=1).
/// </summary>
public sealed class OpenApiDocumentTests(HubApp app) : IClassFixture<HubApp>
{
    private static readonly string Committed = RepositoryRoot.File("specs", "api", "openapi.json");

    private async Task<string> ServedAsync()
    {
        using var response = await app.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            // The hub answers a bare 500; generate the document in-process so the failure names its cause
            // (an undescribed tag, a policy not registered with AddScopePolicy, …).
            using var scope = app.Factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync();
            Assert.Fail($"/openapi/v1.json answered {(int)response.StatusCode}");
        }
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task CommittedDocument_ComparedWithServed_IsTheSame()
    {
        var generated = OpenApiSnapshot.Normalise(await ServedAsync());
        if (Environment.GetEnvironmentVariable("HUB_OPENAPI_WRITE") == "1")
        {
            await File.WriteAllTextAsync(Committed, generated);
        }

        Assert.True(File.Exists(Committed), $"{Committed} is missing: run ./hub.sh openapi to generate it, then commit it.");
        var differences = OpenApiSnapshot.Differences(JsonNode.Parse(await File.ReadAllTextAsync(Committed)), JsonNode.Parse(generated));
        Assert.True(differences.Count == 0,
            "specs/api/openapi.json differs from the document the code generates. Run ./hub.sh openapi to regenerate it, "
            + "review the diff and commit it with the code change.\n" + string.Join("\n", differences));
    }

    [Fact]
    public async Task ServedDocument_EveryOperation_HasIdTagSummarySecurityAndProblemResponses()
    {
        using var json = JsonDocument.Parse(await ServedAsync());
        var root = json.RootElement;
        Assert.StartsWith("3.1", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var at = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                Assert.True(ids.Add(operation.Value.GetProperty("operationId").GetString()!), $"{at}: duplicate operationId");
                Assert.NotEmpty(operation.Value.GetProperty("tags").EnumerateArray());
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{at}: no summary");
                var responses = operation.Value.GetProperty("responses");
                if (operation.Value.TryGetProperty("security", out _))
                {
                    Assert.True(responses.TryGetProperty("401", out var unauthorized), $"{at}: secured without a 401 response");
                    Assert.True(unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{at}: 401 is not problem+json");
                }
                foreach (var response in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
                {
                    Assert.Equal("#/components/schemas/Problem", response.Value.GetProperty("content").GetProperty("application/problem+json")
                        .GetProperty("schema").GetProperty("$ref").GetString());
                }
            }
        }
    }

    [Fact]
    public async Task SecuredOperation_CalledWithoutToken_Returns401ProblemAsDocumented()
    {
        using var response = await app.CreateClient().GetAsync(new Uri("/api/v1/people", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("HUB-GEN-0007", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ApiDocs_Requested_ServesScalarFromTheHubLoadingTheDocument()
    {
        var client = app.CreateClient();

        using var page = await client.GetAsync(new Uri("/api/docs", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Hub API</title>", html, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        // Nothing leaves for third parties: no proxy for "try it", no font CDN, no telemetry.
        Assert.DoesNotContain("proxy", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);
        var scripts = Regex.Matches(html, "<script[^>]+src=\"(?<src>[^\"]+)\"").Select(m => m.Groups["src"].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Assert.DoesNotContain("//", script, StringComparison.Ordinal);
            using var js = await client.GetAsync(new Uri("/api/docs/" + script, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        }
    }
}
