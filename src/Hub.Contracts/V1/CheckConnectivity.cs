namespace Hub.Contracts.V1;

/// <summary>
/// Asks the hub to confirm that the exchange path (platform → broker → hub → broker → platform) works.
/// Adapters send it at start-up and the conformance kit sends it before anything else.
/// </summary>
/// <param name="CorrelationId">Chosen by the sender; echoed in the reply.</param>
/// <param name="PlatformId">The sending platform's identifier as issued by the hub, or null before onboarding.</param>
/// <param name="AdapterVersion">Version of the adapter that sends the request.</param>
/// <param name="SentAt">When the sender created the request.</param>
public sealed record CheckConnectivity(
    Guid CorrelationId,
    string? PlatformId,
    string AdapterVersion,
    DateTimeOffset SentAt);
