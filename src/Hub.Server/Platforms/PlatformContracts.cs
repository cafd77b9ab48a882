using System.Text.Json;

namespace Hub.Server.Platforms;

/// <summary>An access application as an applicant writes it: region, attachment 2 and the platform's public keys.</summary>
public sealed record PlatformAccessRequest(string? RegionCode, PlatformFormInput? Form, JsonElement? Jwks, long? ExpectedVersion = null);

/// <summary>Replaces the platform's JWKS while the application is not yet decided.</summary>
public sealed record PlatformJwksRequest(JsonElement? Jwks);

/// <summary>Reasons for a decision (required to reject and to suspend).</summary>
public sealed record PlatformDecisionRequest(string? Reasons);

public sealed record PlatformTransitionView(string? From, string To, string Actor, string? Reasons, DateTimeOffset At);

public sealed record PlatformAccessView(
    string Id,
    string RegionCode,
    string? RegionName,
    string Status,
    string Origin,
    JsonElement Form,
    bool HasJwks,
    string? ClientId,
    string? RabbitMqUser,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long ChangeVersion,
    IReadOnlyList<PlatformTransitionView>? History);

public sealed record PlatformAccessPage(IReadOnlyList<PlatformAccessView> Items, string? Next);

/// <summary>Broker credentials of an approved platform; the password is shown once and stored nowhere at the hub.</summary>
public sealed record BrokerCredentials(string Host, int Port, string VirtualHost, string Username, string Password,
    string QueuePrefix, string OutboundExchange, string InboxQueue);

/// <summary>
/// What approval issues, returned once. <c>ClientSecret</c> exists only in Development and Testing for a platform
/// that gave no JWKS; otherwise the platform authenticates with private_key_jwt.
/// </summary>
public sealed record PlatformCredentials(string ClientId, string TokenEndpointAuthMethod, string? ClientSecret, BrokerCredentials RabbitMq);

public sealed record PlatformApproval(PlatformAccessView Platform, PlatformCredentials Credentials);
