using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.IntegrationTests.Oidc;

public sealed class TokenPruningTests(HubApp app) : IClassFixture<HubApp>
{
    private static async Task<string> TokenAsync(IOpenIddictTokenManager tokens, DateTimeOffset created, DateTimeOffset expires, string status)
    {
        var token = await tokens.CreateAsync(new OpenIddictTokenDescriptor
        {
            CreationDate = created,
            ExpirationDate = expires,
            Status = status,
            Subject = "P" + Guid.NewGuid().ToString("N")[..16],
            Type = TokenTypeHints.RefreshToken,
        });
        return (await tokens.GetIdAsync(token))!;
    }

    [Fact]
    public async Task PruneOnce_SpentAndOldTokens_RemovedWhileValidOnesStay()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var now = DateTimeOffset.UtcNow;
        var expired = await TokenAsync(tokens, now.AddDays(-20), now.AddDays(-6), Statuses.Valid);
        var revoked = await TokenAsync(tokens, now.AddDays(-3), now.AddDays(11), Statuses.Revoked);
        var valid = await TokenAsync(tokens, now.AddDays(-3), now.AddDays(11), Statuses.Valid);
        var recentlyRevoked = await TokenAsync(tokens, now.AddMinutes(-5), now.AddDays(14), Statuses.Revoked);

        var (pruned, _) = await app.Factory.Services.GetRequiredService<TokenPruning>().PruneOnceAsync(default);

        // A fresh scope: the token manager caches the entities it created in this one.
        await using var after = app.Factory.Services.CreateAsyncScope();
        tokens = after.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        Assert.True(pruned >= 2);
        Assert.Null(await tokens.FindByIdAsync(expired));
        Assert.Null(await tokens.FindByIdAsync(revoked));
        Assert.NotNull(await tokens.FindByIdAsync(valid));
        Assert.NotNull(await tokens.FindByIdAsync(recentlyRevoked));
    }
}
