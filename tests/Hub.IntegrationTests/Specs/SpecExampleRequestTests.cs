using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Hub.Testing;

namespace Hub.IntegrationTests.Specs;

/// <summary>
/// The request examples published in specs/ are accepted by the real hub, not only by their JSON Schemas: the schemas
/// cannot express a check digit, a real region or a complete attachment-2 form (tests/checks/specs.sh checks the schemas).
/// </summary>
public sealed class SpecExampleRequestTests(HubApp app) : IClassFixture<HubApp>
{
    private static JsonElement Example(params string[] path) =>
        JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File(["specs", .. path]))).RootElement.Clone();

    public static TheoryData<string> PersonExamples() =>
        [.. Directory.GetFiles(RepositoryRoot.File("specs", "data", "examples"), "person*.json")
            .Select(Path.GetFileName).Where(f => f is not "person.view.json").Select(f => f!)];

    [Theory]
    [MemberData(nameof(PersonExamples))]
    public async Task PersonExample_Registered_IsCreated(string file)
    {
        var (platform, _) = await PlatformClients.CreateAsync(app, "440305", HubScopes.PeopleWrite);

        using var response = await platform.PostAsJsonAsync("/api/v1/people", Example("data", "examples", file));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SchoolExample_Added_IsCreated()
    {
        var (bureau, _) = await PlatformClients.CreateAsync(app, "440305", HubScopes.OrganizationsWrite);

        using var response = await bureau.PostAsJsonAsync("/api/v1/organizations/schools", Example("data", "examples", "school.json"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PlatformAccessExample_CreatedAndSubmitted_IsAccepted()
    {
        var (applicant, _) = await PlatformClients.CreateAsync(app, "440300", HubScopes.PlatformsApply);

        using var created = await applicant.PostAsJsonAsync("/api/v1/platforms", Example("access", "examples", "PlatformAccessRequest.json"));
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        using var submitted = await applicant.PostAsync(new Uri($"/api/v1/platforms/{body.GetProperty("id").GetString()}/submit", UriKind.Relative), null);

        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
    }
}
