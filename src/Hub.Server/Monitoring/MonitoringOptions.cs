using System.ComponentModel.DataAnnotations;

namespace Hub.Server.Monitoring;

/// <summary>
/// Connection health (specs/exchange/operations.md): how often the sampler runs, how long history is kept at each
/// resolution, the thresholds of the health states, the alert rules and where alerts are POSTed.
/// </summary>
public sealed class MonitoringOptions
{
    public const string SectionName = "Monitoring";

    /// <summary>Off: no sampler, no alerts (the console still reads the current state). Commands and some tests turn it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>One sample per platform per interval (adapters send a heartbeat every 30 s).</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Raw samples are kept this long, then only their rollups.</summary>
    public TimeSpan RawRetention { get; set; } = TimeSpan.FromHours(2);

    /// <summary>1-minute rollups are kept this long.</summary>
    public TimeSpan MinuteRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>15-minute rollups are kept this long (the console's 7-day view).</summary>
    public TimeSpan QuarterRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>No heartbeat for longer than this: the platform is <c>silent</c> (three missed 30-second heartbeats by default).</summary>
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Sync lag thresholds; over any of them a heartbeating platform is <c>degraded</c>.</summary>
    public LagThresholds Lag { get; set; } = new();

    /// <summary>Dead letters read per round to attribute them to platforms (the queue's depth counts them all).</summary>
    [Range(0, 10_000)]
    public int DeadLetterPeek { get; set; } = 200;

    /// <summary>How often the console's live stream sends the current states.</summary>
    public TimeSpan LiveInterval { get; set; } = TimeSpan.FromSeconds(5);

    public AlertRules Alerts { get; set; } = new();

    public WebhookOptions Webhook { get; set; } = new();

    internal IEnumerable<string> Problems()
    {
        if (SampleInterval < TimeSpan.FromSeconds(1) || LiveInterval < TimeSpan.FromMilliseconds(200) || SilentAfter <= TimeSpan.Zero)
        {
            yield return "SampleInterval ≥ 1 s, LiveInterval ≥ 200 ms and SilentAfter > 0";
        }
        if (RawRetention < TimeSpan.FromMinutes(15) || MinuteRetention < RawRetention || QuarterRetention < MinuteRetention)
        {
            yield return "RawRetention ≥ 15 min ≤ MinuteRetention ≤ QuarterRetention";
        }
        if (Lag.Versions < 1 || Lag.OutboxAge <= TimeSpan.Zero || Lag.InboxDepth < 1 || Lag.AdapterPending < 1)
        {
            yield return "Lag: Versions, InboxDepth and AdapterPending ≥ 1, OutboxAge > 0";
        }
        if (Alerts.SilentFor < TimeSpan.Zero || Alerts.LagFor < TimeSpan.Zero || Alerts.ReconciliationFor < TimeSpan.Zero)
        {
            yield return "Alerts: durations ≥ 0";
        }
        if (Webhook.Url is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return "Webhook:Url must be an absolute http(s) URL";
        }
        if (Webhook.RetryDelay <= TimeSpan.Zero || Webhook.MaxRetryDelay < Webhook.RetryDelay || Webhook.PollInterval <= TimeSpan.Zero)
        {
            yield return "Webhook: RetryDelay and PollInterval > 0, MaxRetryDelay ≥ RetryDelay";
        }
    }
}

/// <summary>When a platform counts as lagging behind.</summary>
public sealed class LagThresholds
{
    /// <summary>A follower's acknowledged feed position more than this many change versions behind the hub's.</summary>
    public long Versions { get; set; } = 100_000;

    /// <summary>The oldest message to the platform still unsent in the hub's outbox.</summary>
    public TimeSpan OutboxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages waiting in the platform's inbox queue (its adapter does not keep up, or is down).</summary>
    public long InboxDepth { get; set; } = 10_000;

    /// <summary>Messages in the adapter's own outbox, as its heartbeat reports.</summary>
    public long AdapterPending { get; set; } = 10_000;
}

/// <summary>The alert rules; each can be turned off, and the durations say how long a condition must hold before it fires.</summary>
public sealed class AlertRules
{
    public bool Silent { get; set; } = true;

    /// <summary>No heartbeat for longer than this fires platform.silent (a connected or approved platform, never a suspended one).</summary>
    public TimeSpan SilentFor { get; set; } = TimeSpan.FromMinutes(5);

    public bool Lag { get; set; } = true;

    /// <summary>Lag over a threshold in every sample over this long fires platform.lag.</summary>
    public TimeSpan LagFor { get; set; } = TimeSpan.FromMinutes(5);

    public bool DeadLetters { get; set; } = true;

    public bool Reconciliation { get; set; } = true;

    /// <summary>A reconciliation round that found differences and has not repaired them for this long fires exchange.reconciliation.</summary>
    public TimeSpan ReconciliationFor { get; set; } = TimeSpan.Zero;

    public bool SupportBreach { get; set; } = true;
}

/// <summary>Where alerts are POSTed (each AlertRaised / AlertResolved as JSON); no URL, no webhook.</summary>
public sealed class WebhookOptions
{
    public string? Url { get; set; }

    /// <summary>Sent as the Authorization header when set (e.g. "Bearer …" of the receiving system).</summary>
    public string? Authorization { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);
}
