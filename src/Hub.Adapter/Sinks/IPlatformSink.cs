using System.Text.Json;
using Hub.Contracts.V1;

namespace Hub.Adapter.Sinks;

/// <summary>
/// Where the hub's answers reach the platform. Messages arrive at least once and in any order, so every method must be
/// idempotent and keep the newest state (compare versions); the adapter retries a method that throws.
/// </summary>
public interface IPlatformSink
{
    /// <summary>The hub's answer to one batch: hub ids to write back, rejections and review cases to show.</summary>
    Task ApplyAnswerAsync(IdentitiesAssigned answer, CancellationToken ct);

    /// <summary>A removal batch the hub holds for an operator (deletion threshold).</summary>
    Task ApplyRemovalsHeldAsync(RemovalsHeld hold, CancellationToken ct);

    /// <summary>
    /// Items of the hub's change feed for a platform that follows other levels (streams "people", "organizations",
    /// "people-deletes", "people-keys"), each a JSON document with at least "changeVersion". Items of a page arrive in
    /// change order; after this returns, the adapter moves its feed cursor past them.
    /// </summary>
    Task ApplyFeedAsync(string stream, IReadOnlyList<JsonElement> items, CancellationToken ct);
}
