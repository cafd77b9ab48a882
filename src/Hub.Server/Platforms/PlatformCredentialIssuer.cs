using Hub.Contracts.V1;
using System.Security.Cryptography;
using Hub.Server.Exchange;
using Hub.Server.Oidc;
using Hub.Server.Regions;
using Microsoft.Extensions.Options;

namespace Hub.Server.Platforms;

/// <summary>
/// Creates, suspends and restores the two credentials of a platform: its OIDC client (written through the shared
/// DbContext, so it joins the caller's transaction and rolls back with it) and its RabbitMQ user (an outside
/// system: every step that fails is undone here by a compensating call).
/// </summary>
public sealed partial class PlatformCredentialIssuer(ClientRegistry clients, RabbitMqManagement broker, IOptions<RabbitMqOptions> rabbit,
    RegionCatalog regions, ILogger<PlatformCredentialIssuer> logger)
{
    /// <summary>What a platform's client may ask for: its people and organizations.</summary>
    public static readonly string[] Scopes = [HubScopes.PeopleRead, HubScopes.PeopleWrite, HubScopes.OrganizationsRead, HubScopes.OrganizationsWrite,
        HubScopes.ResourcesRead, HubScopes.ResourcesWrite];

    /// <summary>Creates both credentials and records their names on <paramref name="access"/>; the secrets are returned, never kept.</summary>
    public async Task<PlatformCredentials> IssueAsync(PlatformAccess access, CancellationToken ct)
    {
        var clientId = PlatformAccess.ClientIdFor(access.PublicId);
        var user = PlatformAccess.RabbitMqUserFor(access.PublicId);
        var secret = access.Jwks is null ? NewSecret() : null;
        var level = regions.LevelOf(access.RegionCode);
        await clients.RegisterAsync(new ClientRegistration(clientId, access.Form.Name, ClientKind.Platform, level, access.RegionCode, Scopes,
            ClientSecret: secret, JsonWebKeySet: access.Jwks, AllowClientCredentials: true), ct);
        var password = NewSecret();
        try
        {
            await broker.PutUserAsync(user, password, ct);
            await broker.SetPermissionsAsync(user, PlatformBroker.Permissions(access.PublicId), ct);
            await broker.EnsurePlatformTopologyAsync(access.PublicId, ct);
        }
        catch (RabbitMqManagementException)
        {
            await UndoAsync(() => broker.DeleteUserAsync(user, CancellationToken.None), user);
            throw;
        }
        (access.ClientId, access.RabbitMqUser) = (clientId, user);
        var options = rabbit.Value;
        return new PlatformCredentials(clientId, secret is null ? "private_key_jwt" : "client_secret_basic", secret,
            new BrokerCredentials(options.Host, options.Port, options.VirtualHost, user, password,
                ExchangeNames.Prefix(access.PublicId), ExchangeNames.Outbound(access.PublicId), ExchangeNames.Inbox(access.PublicId)));
    }

    /// <summary>Deletes the broker user after an approval that could not be committed.</summary>
    public Task DeleteBrokerUserAsync(PlatformAccess access) =>
        UndoAsync(() => broker.DeleteUserAsync(PlatformAccess.RabbitMqUserFor(access.PublicId), CancellationToken.None), access.PublicId);

    /// <summary>Takes the client's permissions away (in the caller's transaction), the broker permissions, and closes live connections.</summary>
    public async Task SuspendAsync(PlatformAccess access, CancellationToken ct)
    {
        await clients.SuspendAsync(access.ClientId!, ct);
        var user = access.RabbitMqUser!;
        await broker.DeletePermissionsAsync(user, ct);
        try
        {
            await broker.CloseConnectionsAsync(user, "platform suspended by the hub", ct);
        }
        catch (RabbitMqManagementException)
        {
            // All or nothing: the application stays connected, so the broker must keep working for it too.
            await UndoAsync(() => broker.SetPermissionsAsync(user, PlatformBroker.Permissions(access.PublicId), CancellationToken.None), user);
            throw;
        }
    }

    /// <summary>Restores the client's permissions (in the caller's transaction) and the broker permissions; the password is unchanged.</summary>
    public async Task ResumeAsync(PlatformAccess access, CancellationToken ct)
    {
        await clients.ResumeAsync(access.ClientId!, ct);
        await broker.SetPermissionsAsync(access.RabbitMqUser!, PlatformBroker.Permissions(access.PublicId), ct);
        await broker.EnsurePlatformTopologyAsync(access.PublicId, ct);
    }

    /// <summary>Gives the broker permissions back after a suspension that could not be committed.</summary>
    public Task ResumeBrokerAsync(PlatformAccess access) =>
        UndoAsync(() => broker.SetPermissionsAsync(access.RabbitMqUser!, PlatformBroker.Permissions(access.PublicId), CancellationToken.None), access.PublicId);

    /// <summary>Takes the broker permissions away again after a resumption that could not be committed.</summary>
    public Task RevokeBrokerAsync(PlatformAccess access) =>
        UndoAsync(() => broker.DeletePermissionsAsync(access.RabbitMqUser!, CancellationToken.None), access.PublicId);

    /// <summary>Drops cached copies of the client on this replica (after a commit or a rollback).</summary>
    public void Evict(PlatformAccess access) => clients.Evict(PlatformAccess.ClientIdFor(access.PublicId));

    private static string NewSecret() => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private async Task UndoAsync(Func<Task> undo, string subject)
    {
        try
        {
            await undo();
        }
        catch (RabbitMqManagementException e)
        {
            // Nothing more can be done now; the log names what an operator has to clean up.
            LogUndoFailed(logger, e, subject);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Compensating broker change for {Subject} failed; check the RabbitMQ user by hand")]
    private static partial void LogUndoFailed(ILogger logger, Exception exception, string subject);
}
