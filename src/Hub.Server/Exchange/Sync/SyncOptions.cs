namespace Hub.Server.Exchange.Sync;

/// <summary>Rules of the data exchange the operators may tune (section "Exchange").</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Exchange";

    /// <summary>
    /// Removals that (with those applied in <see cref="DeletionWindow"/>) would unlink more than this share of a platform's
    /// people are held for an operator instead of applied.
    /// </summary>
    public double DeletionThreshold { get; set; } = 0.05;

    /// <summary>How far back applied removals count towards the threshold, so a mass delete cannot slip through in small batches.</summary>
    public TimeSpan DeletionWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Removals up to this many (in the window) are never held: a small platform deleting a few people is routine.</summary>
    public int DeletionFloor { get; set; } = 10;

    /// <summary>A reconciliation range with at most this many keys is repaired record by record instead of split further.</summary>
    public int RepairRangeSize { get; set; } = 512;

    /// <summary>
    /// The change feed's cursor only moves past versions taken at least this long ago: a transaction that took a
    /// version and has not committed yet (sequence values commit out of order) must not be skipped. Far longer than
    /// any hub write transaction.
    /// </summary>
    public TimeSpan FeedSettleTime { get; set; } = TimeSpan.FromSeconds(60);
}
