namespace Hub.Contracts.V1;

/// <summary>The hub's reply to <see cref="CheckConnectivity"/>.</summary>
/// <param name="CorrelationId">The request's correlation id.</param>
/// <param name="HubVersion">Version of the hub that answered.</param>
/// <param name="ContractVersion">Highest exchange-spec version the hub understands, e.g. "v1".</param>
/// <param name="ReceivedAt">When the hub received the request.</param>
/// <param name="RespondedAt">When the hub sent this reply.</param>
public sealed record ConnectivityChecked(
    Guid CorrelationId,
    string HubVersion,
    string ContractVersion,
    DateTimeOffset ReceivedAt,
    DateTimeOffset RespondedAt);
