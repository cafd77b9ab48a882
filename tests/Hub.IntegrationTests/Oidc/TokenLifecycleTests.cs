using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Identity.SignIn;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;

namespace Hub.IntegrationTests.Oidc;

public sealed class TokenLifecycleTests(HubApp hub) : IClassFixture<HubApp>
{
    private readonly UserFlow _flow = new(hub);

    [Fact]
    public async Task RefreshToken_ReusedAfterRotation_IsRejectedAndRevokesTheNewOneToo()
    {
        var (hubId, _) = await _flow.CreatePersonAsync();
        var (id, secret) = await _flow.RegisterVendorAsync(false, HubScopes.OpenId, HubScopes.OfflineAccess);
        var tokens = await _flow.SignInAsync(id, secret, hubId, "openid offline_access");
        var first = tokens.GetProperty("refresh_token").GetString()!;

        var rotated = await _flow.TokenAsync(id, secret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first });
        var second = rotated.GetProperty("refresh_token").GetString()!;
        var replay = await _flow.TokenAsync(id, secret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first });
        var afterReplay = await _flow.TokenAsync(id, secret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = second });

        Assert.NotEqual(first, second);
        Assert.Equal("invalid_grant", replay.GetProperty("error").GetString());
        Assert.Equal("invalid_grant", afterReplay.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TokenExchange_UserAccessToken_IssuesTokenForSameSubjectWithNarrowedScopes()
    {
        var (hubId, _) = await _flow.CreatePersonAsync();
        var (id, secret) = await _flow.RegisterVendorAsync(true, HubScopes.OpenId, HubScopes.Profile, HubScopes.RealName);
        var tokens = await _flow.SignInAsync(id, secret, hubId, "openid profile realname");
        var subject = tokens.GetProperty("access_token").GetString()!;

        var exchanged = await _flow.TokenAsync(id, secret, new()
        {
            ["grant_type"] = OpenIddictConstants.GrantTypes.TokenExchange,
            ["subject_token"] = subject,
            ["subject_token_type"] = OpenIddictConstants.TokenTypeIdentifiers.AccessToken,
            ["scope"] = "profile",
        });

        var payload = new JsonWebToken(exchanged.GetProperty("access_token").GetString());
        Assert.Equal(new JsonWebToken(subject).Subject, payload.Subject);
        Assert.Equal("profile", payload.GetPayloadValue<string>("scope"));
    }

    [Fact]
    public async Task Revocation_RefreshToken_IntrospectionThenReportsInactive()
    {
        var (hubId, _) = await _flow.CreatePersonAsync();
        var (id, secret) = await _flow.RegisterVendorAsync(false, HubScopes.OpenId, HubScopes.OfflineAccess);
        var refresh = (await _flow.SignInAsync(id, secret, hubId, "openid offline_access")).GetProperty("refresh_token").GetString()!;

        var before = await _flow.PostAsync("/connect/introspect", id, secret, new() { ["token"] = refresh });
        await _flow.PostAsync("/connect/revoke", id, secret, new() { ["token"] = refresh });
        var after = await _flow.PostAsync("/connect/introspect", id, secret, new() { ["token"] = refresh });

        Assert.True(before.GetProperty("active").GetBoolean());
        Assert.False(after.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task ConsentWithdrawn_ByThePerson_RefreshTokenStopsWorking()
    {
        var (hubId, _) = await _flow.CreatePersonAsync();
        var (id, secret) = await _flow.RegisterVendorAsync(false, HubScopes.OpenId, HubScopes.OfflineAccess);
        var refresh = (await _flow.SignInAsync(id, secret, hubId, "openid offline_access")).GetProperty("refresh_token").GetString()!;

        await using (var scope = hub.Factory.Services.CreateAsyncScope())
        {
            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            var subject = new JsonWebToken((await _flow.TokenAsync(id, secret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh }))
                .GetProperty("id_token").GetString()).Subject;
            await foreach (var authorization in authorizations.FindBySubjectAsync(subject))
            {
                await authorizations.TryRevokeAsync(authorization); // what /account/consents/{id}/withdraw does
            }
        }
        var latest = await _flow.TokenAsync(id, secret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });

        Assert.Equal("invalid_grant", latest.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Password_WrongFiveTimes_LocksEvenTheRightPassword()
    {
        var (hubId, personId) = await _flow.CreatePersonAsync();
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        var credentials = scope.ServiceProvider.GetRequiredService<CredentialService>();

        for (var i = 0; i < 5; i++)
        {
            await credentials.VerifyAsync(hubId, "wrong-password-" + i, default);
        }
        var (result, _) = await credentials.VerifyAsync(hubId, UserFlow.Password, default);

        Assert.Equal(SignInResultKind.LockedOut, result);
        var stored = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<PersonCredential>().AsNoTracking().SingleAsync(c => c.PersonId == personId);
        Assert.StartsWith("AQAAAA", stored.PasswordHash, StringComparison.Ordinal); // ASP.NET Core Identity v3 format (PBKDF2)
    }

}
