using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Identity;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Infrastructure;

/// <summary>Admin accounts for console tests: a registered person with a password and an operator grant.</summary>
public static class ConsoleOperators
{
    public const string Password = "Console-2026-pass";

    /// <summary>A new person of <paramref name="region"/> made admin of it (null: national admin, living in 440305); returns the hub id.</summary>
    public static async Task<string> CreateAsync(HubApp app, string? region, params string[] permissions)
    {
        var hubId = await CreatePersonAsync(app, region ?? "440305");
        await GrantAsync(app, hubId, region, permissions);
        return hubId;
    }

    /// <summary>Makes an existing person admin of <paramref name="region"/> (null: national), as the server's own command does.</summary>
    public static async Task GrantAsync(HubApp app, string hubId, string? region, params string[] permissions)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var (view, errors) = await scope.ServiceProvider.GetRequiredService<OperatorAccounts>()
            .GrantAsync(new GrantOperatorRequest(hubId, region, permissions), Caller.System, system: true, default);
        Assert.True(view is not null, string.Join(", ", errors.Select(e => e.Field + " " + e.Code)));
    }

    /// <summary>Makes an existing person a school account of <paramref name="schoolCode"/>, as the server's own command does.</summary>
    public static async Task GrantSchoolAsync(HubApp app, string hubId, string schoolCode, params string[] permissions)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var (view, errors) = await scope.ServiceProvider.GetRequiredService<OperatorAccounts>()
            .GrantAsync(new GrantOperatorRequest(hubId, null, permissions, schoolCode), Caller.System, system: true, default);
        Assert.True(view is not null, string.Join(", ", errors.Select(e => e.Field + " " + e.Code)));
    }

    /// <summary>A person of <paramref name="home"/> who can sign in with <see cref="Password"/>, without any admin account.</summary>
    public static async Task<string> CreatePersonAsync(HubApp app, string home)
    {
        var (platform, _) = await PlatformClients.CreateAsync(app, null, HubScopes.PeopleWrite);
        using var created = await platform.PostAsJsonAsync("/api/v1/people",
            PeopleTestData.Registration(PeopleTestData.NewIdNumber(home), region: home, localId: Guid.NewGuid().ToString("N")));
        created.EnsureSuccessStatusCode();
        var hubId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString()!;
        using var password = await platform.PutAsJsonAsync($"/api/v1/people/{hubId}/password", new { password = Password });
        password.EnsureSuccessStatusCode();
        return hubId;
    }
}
