using System.Net;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;

namespace Hub.IntegrationTests.Problems;

public sealed class ProblemTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task UnknownRoute_AnyCaller_Gets404ProblemJsonWithStableCode()
    {
        using var response = await app.CreateClient().GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("HUB-GEN-0003", json.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("messages").GetProperty("zh-CN").GetString()));
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("messages").GetProperty("en").GetString()));
    }

    [Fact]
    public async Task WrongMethod_OnKnownRoute_Gets405ProblemJson()
    {
        using var response = await app.CreateClient().DeleteAsync(new Uri("/api/v1/system/info", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("HUB-GEN-0004", json.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task SystemInfo_Get_ReturnsVersionAndContract()
    {
        using var response = await app.CreateClient().GetAsync(new Uri("/api/v1/system/info", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("v1", json.RootElement.GetProperty("contractVersion").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_Get_DescribesSystemInfo()
    {
        var body = await app.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("/api/v1/system/info", body, StringComparison.Ordinal);
    }
}
