using Hub.IntegrationTests.Infrastructure;

namespace Hub.IntegrationTests.Oidc;

/// <summary>A hub whose issuer is http://hub.test/, so that a relying party in another test server can reach it by name.</summary>
public sealed class IssuerHubApp : HubApp
{
    public static readonly Uri Issuer = new("http://hub.test/");

    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Oidc:Issuer", Issuer.ToString())];
}
