using Hub.Adapter.Sources;
using Hub.Contracts.V1;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Pump;

/// <summary>Builds the platform → hub messages: batch id, source platform and schema version filled in one place.</summary>
internal sealed class MessageFactory(IOptions<HubAdapterOptions> options, TimeProvider clock)
{
    public string PlatformId => options.Value.PlatformId;

    public PeopleChanged People(IReadOnlyList<PersonChange> changes) =>
        new(Guid.NewGuid(), PlatformId, ExchangeNames.SchemaVersion, changes, clock.GetUtcNow());

    public OrganizationsChanged Organizations(IReadOnlyList<OrganizationChange> changes) =>
        new(Guid.NewGuid(), PlatformId, ExchangeNames.SchemaVersion, changes, clock.GetUtcNow());

    public PeopleRemoved PeopleRemoved(IReadOnlyList<EntityRemoval> removals) =>
        new(Guid.NewGuid(), PlatformId, ExchangeNames.SchemaVersion, removals, clock.GetUtcNow());

    public OrganizationsRemoved OrganizationsRemoved(IReadOnlyList<EntityRemoval> removals) =>
        new(Guid.NewGuid(), PlatformId, ExchangeNames.SchemaVersion, removals, clock.GetUtcNow());

    public KeysChanged Keys(IReadOnlyList<LocalKeyChange> changes) =>
        new(Guid.NewGuid(), PlatformId, ExchangeNames.SchemaVersion, changes, clock.GetUtcNow());

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The contract's entity name ("people", "organizations"), or null for anything else.</summary>
    public static SourceEntity? Entity(string? name) => name switch
    {
        "people" => SourceEntity.People,
        "organizations" => SourceEntity.Organizations,
        _ => null,
    };

    public static string Name(SourceEntity entity) => entity == SourceEntity.People ? "people" : "organizations";
}
