using System.Text.Json.Serialization;

namespace Hub.Server.Apps;

/// <summary>Register or update an app. Fields are optional on the wire so that errors name them.</summary>
public sealed record AppRequest(
    string? Name,
    string? Description,
    string? Category,
    string?[]? RedirectUris,
    string?[]? PostLogoutRedirectUris,
    string?[]? Scopes,
    AppContact? Contact);

public sealed record AppContact(string? Name, string? Email, string? Phone);

/// <summary>Apply for the app to be used in a region.</summary>
public sealed record ApplyRequest(string? RegionCode, string? Note);

/// <summary>A reviewer's decision: test notes are optional, reasons are required to reject.</summary>
public sealed record DecisionRequest(string? TestNotes, string? Reasons);

public sealed record LocalizedName([property: JsonPropertyName("zh-CN")] string ZhCn, string En);

public sealed record AppView(
    string AppId,
    string Vendor,
    string Name,
    string? Description,
    string Category,
    LocalizedName CategoryName,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    IReadOnlyList<string> Scopes,
    AppContact Contact,
    string Status,
    string? ClientId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record SelectionView(
    long Id,
    string AppId,
    string AppName,
    string RegionCode,
    string? RegionName,
    string Status,
    string? Note,
    string AppliedBy,
    DateTimeOffset AppliedAt,
    string? TestNotes,
    string? Reasons,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? WithdrawnAt);

/// <summary>A reviewer's view: the application with the app it is about.</summary>
public sealed record ReviewView(SelectionView Application, AppView App);

public sealed record ReviewPage(IReadOnlyList<ReviewView> Items, string? Next);

/// <summary>An app usable in a region, and the region (itself or one above) whose approval makes it so.</summary>
public sealed record SelectedAppView(
    string AppId,
    string Name,
    string? Description,
    string Category,
    LocalizedName CategoryName,
    string SelectedByRegionCode,
    string? SelectedByRegionName,
    DateTimeOffset SelectedAt);

/// <summary>A client secret, shown once: the hub keeps only its HMAC.</summary>
public sealed record AppCredentials(string ClientId, string ClientSecret, IReadOnlyList<string> TokenEndpointAuthMethods, DateTimeOffset IssuedAt);
