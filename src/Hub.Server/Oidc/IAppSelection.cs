namespace Hub.Server.Oidc;

/// <summary>
/// Whether a vendor app may sign in people of a region: it must be selected (approved) for that region or one
/// above it. The authorization endpoint asks; the Apps feature answers, so Oidc does not depend on its tables.
/// </summary>
public interface IAppSelection
{
    Task<bool> IsSelectedAsync(string appId, string regionCode, CancellationToken ct);
}
