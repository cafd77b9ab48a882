using System.ComponentModel.DataAnnotations;

namespace Hub.Adapter.Follow;

/// <summary>For a platform that follows other levels (a province following its cities): the hub's change feed.</summary>
public sealed class FollowOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "HubAdapter:Follow";

    /// <summary>Follow the feed (needs HubAdapter:HubUrl and client credentials).</summary>
    public bool Enabled { get; set; }

    /// <summary>Streams to follow: "people", "organizations", "people-deletes", "people-keys", "organizations-deletes" (default: all).</summary>
    public IList<string> Streams { get; } = [];

    /// <summary>How often the feed is pulled without a <c>ChangesAvailable</c> notice.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Items per request.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 500;

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one request including its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a failed request (with exponential backoff and jitter).</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 4;

    internal static readonly string[] KnownStreams = ["people", "organizations", "people-deletes", "people-keys", "organizations-deletes"];

    internal IReadOnlyList<string> EffectiveStreams => Streams.Count > 0 ? [.. Streams.Distinct(StringComparer.Ordinal)] : KnownStreams;

    internal bool IsValid =>
        Interval > TimeSpan.Zero && AttemptTimeout > TimeSpan.Zero && TotalTimeout >= AttemptTimeout
        && Streams.All(s => KnownStreams.Contains(s, StringComparer.Ordinal));
}
