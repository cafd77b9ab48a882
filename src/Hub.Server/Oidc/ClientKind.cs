namespace Hub.Server.Oidc;

/// <summary>
/// What a registered client is. Platforms (regional 平台) sync data and see public hub ids within their region;
/// vendor apps get pairwise subjects and only the claims a person consented to.
/// </summary>
public enum ClientKind
{
    Vendor = 0,
    Platform = 1,
    Operator = 2,
}

/// <summary>Levels of the jurisdiction tree.</summary>
public enum JurisdictionLevel
{
    National = 0,
    Province = 1,
    City = 2,
    County = 3,
    School = 4,
}
