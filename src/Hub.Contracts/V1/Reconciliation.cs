namespace Hub.Contracts.V1;

/// <summary>
/// The hub asks for a reconciliation now (hub → platform); adapters also reconcile on their own schedule.
/// </summary>
/// <param name="RequestId">Identifies the round.</param>
/// <param name="Entity">"people" or "organizations".</param>
/// <param name="RequestedAt">When it was asked.</param>
public sealed record ReconcileRequested(Guid RequestId, string Entity, DateTimeOffset RequestedAt);

/// <summary>
/// The platform's digests of a key range (platform → hub). Keys are bucketed by the first hex digits of
/// MD5(UTF-8 key); a bucket's digest is the XOR of the first 8 bytes of MD5(UTF-8 "key:version") over its keys, as 16
/// hex digits, so it does not depend on order. The first report covers prefix "" split into 256 buckets of 2 digits; a
/// report answering <see cref="ReconciliationRangesRequested"/> covers all its <c>DigestPrefixes</c> in one message.
/// </summary>
/// <param name="RequestId">The round.</param>
/// <param name="SourcePlatform">The sending platform's id.</param>
/// <param name="Entity">"people" or "organizations".</param>
/// <param name="Buckets">Every non-empty bucket under the requested prefixes.</param>
/// <param name="RegionCounts">Records per region code at the source (first report of a round only).</param>
/// <param name="ReportedAt">When the adapter computed the digests.</param>
public sealed record ReconciliationReported(
    Guid RequestId,
    string SourcePlatform,
    string Entity,
    IReadOnlyList<DigestBucket> Buckets,
    IReadOnlyDictionary<string, long>? RegionCounts,
    DateTimeOffset ReportedAt);

/// <summary>Count and digest of the keys whose MD5 starts with <paramref name="Prefix"/>.</summary>
/// <param name="Prefix">Lowercase hex digits.</param>
/// <param name="Count">Number of keys.</param>
/// <param name="Digest">XOR digest, 16 lowercase hex digits.</param>
public sealed record DigestBucket(string Prefix, long Count, string Digest);

/// <summary>
/// The hub narrows a reconciliation (hub → platform): for each prefix it either wants finer digests (two more hex
/// digits) or, once a range is small, the records themselves. The platform sends the records again through its
/// outbox as ordinary change batches, then <see cref="ReconciliationKeysReported"/> so the hub can find keys it holds
/// that the source no longer has.
/// </summary>
/// <param name="RequestId">The round.</param>
/// <param name="Entity">"people" or "organizations".</param>
/// <param name="DigestPrefixes">Prefixes to split into finer buckets.</param>
/// <param name="RecordPrefixes">Prefixes whose records to resend.</param>
/// <param name="RequestedAt">When the hub asked.</param>
public sealed record ReconciliationRangesRequested(
    Guid RequestId,
    string Entity,
    IReadOnlyList<string> DigestPrefixes,
    IReadOnlyList<string> RecordPrefixes,
    DateTimeOffset RequestedAt);

/// <summary>Every key (with its version) the source holds under the given prefixes (platform → hub).</summary>
/// <param name="RequestId">The round.</param>
/// <param name="SourcePlatform">The sending platform's id.</param>
/// <param name="Entity">"people" or "organizations".</param>
/// <param name="Prefixes">The prefixes covered.</param>
/// <param name="Keys">Keys and versions under them.</param>
/// <param name="ReportedAt">When the adapter read them.</param>
public sealed record ReconciliationKeysReported(
    Guid RequestId,
    string SourcePlatform,
    string Entity,
    IReadOnlyList<string> Prefixes,
    IReadOnlyList<KeyVersion> Keys,
    DateTimeOffset ReportedAt);

/// <summary>A key and its version.</summary>
/// <param name="Key">The key.</param>
/// <param name="Version">Its version at the source.</param>
public sealed record KeyVersion(string Key, long Version);

/// <summary>The outcome of a reconciliation round (hub → platform), also shown in the operator console.</summary>
/// <param name="RequestId">The round.</param>
/// <param name="Entity">"people" or "organizations".</param>
/// <param name="Status">"matched", "repairing" or "repaired".</param>
/// <param name="MismatchedRanges">Ranges found different in this round.</param>
/// <param name="CompletedAt">When the hub concluded.</param>
public sealed record ReconciliationCompleted(Guid RequestId, string Entity, string Status, int MismatchedRanges, DateTimeOffset CompletedAt);
