using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Federation;

/// <summary>
/// /api/v1/federation/upstream: a connected platform registers, reads and disables its own upstream OpenID provider
/// with its client-credentials token (scope <c>federation:manage</c>). The platform id is the caller's client id.
/// </summary>
public static class UpstreamEndpoints
{
    public static void MapUpstreamEndpoints(this WebApplication app)
    {
        var upstream = app.MapGroup("/api/v1/federation/upstream").WithTags("Federation 平台就近登录")
            .RequireAuthorization(HubScopes.FederationManage);
        upstream.MapPut("/", PutAsync).WithName("PutUpstreamProvider")
            .WithSummary("注册或更新本平台的上游身份提供方 / Register or update this platform's upstream OpenID provider");
        upstream.MapGet("/", GetAsync).WithName("GetUpstreamProvider")
            .WithSummary("查看本平台的上游身份提供方（不含密钥）/ This platform's upstream provider (secret masked)");
        upstream.MapDelete("/", DeleteAsync).WithName("DisableUpstreamProvider")
            .WithSummary("停用本平台的上游身份提供方 / Disable this platform's upstream provider");
    }

    private static async Task<Results<Created<UpstreamProviderView>, Ok<UpstreamProviderView>, ProblemHttpResult>> PutAsync(
        UpstreamProviderRequest request, ClaimsPrincipal user, ClientRegistry clients, UpstreamProviders providers,
        UpstreamDiscovery discovery, FederationAddress address, IHostEnvironment environment, HttpContext http, CancellationToken ct)
    {
        if (await PlatformAsync(user, clients, ct) is not { } platformId)
        {
            return HubProblems.Create(FederationErrors.PlatformsOnly);
        }
        var allowHttp = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        var (valid, errors) = UpstreamValidation.Validate(request, allowHttp);
        if (valid is null)
        {
            return HubProblems.Validation([.. errors]);
        }
        switch (await discovery.CheckAsync(valid.Issuer, ct))
        {
            case DiscoveryOutcome.Unreachable:
                return HubProblems.Field("issuer", FederationErrors.DiscoveryUnreachable);
            case DiscoveryOutcome.IssuerMismatch:
                return HubProblems.Field("issuer", FederationErrors.IssuerMismatch);
        }
        var (provider, created) = await providers.SaveAsync(platformId, valid, ct);
        var view = UpstreamProviderView.From(provider, address.CallbackFor(http.Request));
        return created ? TypedResults.Created("/api/v1/federation/upstream", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<UpstreamProviderView>, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal user, ClientRegistry clients, UpstreamProviders providers, FederationAddress address, HttpContext http, CancellationToken ct)
    {
        if (await PlatformAsync(user, clients, ct) is not { } platformId)
        {
            return HubProblems.Create(FederationErrors.PlatformsOnly);
        }
        return await providers.FindAsync(platformId, ct) is { } provider
            ? TypedResults.Ok(UpstreamProviderView.From(provider, address.CallbackFor(http.Request)))
            : HubProblems.Create(GeneralErrors.NotFound);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        ClaimsPrincipal user, ClientRegistry clients, UpstreamProviders providers, CancellationToken ct)
    {
        if (await PlatformAsync(user, clients, ct) is not { } platformId)
        {
            return HubProblems.Create(FederationErrors.PlatformsOnly);
        }
        return await providers.DisableAsync(platformId, ct) is null ? HubProblems.Create(GeneralErrors.NotFound) : TypedResults.NoContent();
    }

    /// <summary>
    /// The calling platform's id, or null for any other caller. Both the token's kind and the registry's current
    /// record must say Platform: the token may predate a change of the client.
    /// </summary>
    private static async Task<string?> PlatformAsync(ClaimsPrincipal user, ClientRegistry clients, CancellationToken ct)
    {
        var caller = Caller.From(user);
        return caller.Kind == ClientKind.Platform && await clients.FindAsync(caller.ClientId, ct) is { Kind: ClientKind.Platform }
            ? caller.PlatformId : null;
    }
}
