namespace Hub.Contracts.V1;

/// <summary>
/// The hub's change feed moved past a version within the receiving platform's jurisdiction (hub → platform). A platform
/// that follows other levels (a province following its cities) then pulls <c>GET /api/v1/changes/{stream}</c> since its
/// last version; the message itself carries no data, so losing or repeating it is harmless. The hub sends one after
/// every committed batch that changed the stream, and after a change made through the API (a person or school
/// registered or changed, a merge, a corrected document, an accepted name), published only after that commit.
/// </summary>
/// <param name="Stream">"people", "people-deletes", "people-keys", "organizations", "organizations-deletes", "resources" or
/// "resources-deletes".</param>
/// <param name="LatestVersion">The hub's change version after the change.</param>
/// <param name="ChangedAt">When the hub committed the change.</param>
/// <param name="FromVersion">No change this notice announces has a version below it. Changes commit out of version order,
/// so a follower that has already read past it reads again from <c>FromVersion − 1</c> to see them; 0 when unknown.</param>
public sealed record ChangesAvailable(string Stream, long LatestVersion, DateTimeOffset ChangedAt, long FromVersion = 0);

/// <summary>The hub asks the platform to send its full current state of an entity again (hub → platform).</summary>
/// <param name="RequestId">Identifies the request in the platform's answer and the audit log.</param>
/// <param name="Entity">"people" or "organizations".</param>
/// <param name="Reason">Why, for the platform's log.</param>
/// <param name="RequestedAt">When an operator or the hub asked.</param>
public sealed record SnapshotRequested(Guid RequestId, string Entity, string Reason, DateTimeOffset RequestedAt);

/// <summary>Liveness and progress of a platform's adapter (platform → hub), every 30 seconds by default.</summary>
/// <param name="SourcePlatform">The sending platform's id.</param>
/// <param name="AdapterVersion">Version of the adapter.</param>
/// <param name="SentAt">When the adapter sent it.</param>
/// <param name="SourceCounts">Records per entity at the source ("people", "organizations").</param>
/// <param name="LastSourceVersion">Highest source version the adapter has put into its outbox.</param>
/// <param name="PendingOutbox">Messages in the adapter's outbox not yet confirmed by the broker.</param>
/// <param name="AcknowledgedHubVersion">Highest hub change version the platform has applied from the feed (followers), else 0.</param>
public sealed record Heartbeat(
    string SourcePlatform,
    string AdapterVersion,
    DateTimeOffset SentAt,
    IReadOnlyDictionary<string, long> SourceCounts,
    long LastSourceVersion,
    long PendingOutbox,
    long AcknowledgedHubVersion);
