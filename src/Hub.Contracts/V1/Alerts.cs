namespace Hub.Contracts.V1;

/// <summary>
/// An alert of the hub's connection monitoring fired (specs/exchange/operations.md). Published by the hub through its
/// transactional outbox in the same transaction that records the alert, so every alert is announced exactly as the
/// console shows it; the same document is POSTed to the configured webhook. At most one alert per rule and subject
/// fires at a time.
/// </summary>
/// <param name="AlertId">The hub's id of the alert; <see cref="AlertResolved"/> carries the same id.</param>
/// <param name="Rule">"platform.silent", "platform.lag", "exchange.dead_letters", "exchange.reconciliation" or "support.sla_breach".</param>
/// <param name="Severity">"warning" or "critical".</param>
/// <param name="Subject">What the alert is about: a platform id, "unattributed" for dead letters without a sender, or a
/// support request number with its breach ("SR-…:response").</param>
/// <param name="PlatformId">The platform concerned, or null.</param>
/// <param name="RegionCode">GB/T 2260 region of the platform or school, or null; operators of that region and above see it.</param>
/// <param name="SummaryZh">One line in Chinese, e.g. "平台 … 已 6 分钟无心跳".</param>
/// <param name="SummaryEn">The same line in English.</param>
/// <param name="FiredAt">When the rule's condition was first found true long enough.</param>
public sealed record AlertRaised(
    long AlertId,
    string Rule,
    string Severity,
    string Subject,
    string? PlatformId,
    string? RegionCode,
    string SummaryZh,
    string SummaryEn,
    DateTimeOffset FiredAt);

/// <summary>
/// An alert of <see cref="AlertRaised"/> resolved: its condition no longer holds (the platform sends heartbeats again, the
/// lag is back under the threshold, the dead letters were replayed, the reconciliation repaired, the request resolved).
/// </summary>
/// <param name="AlertId">The id of the alert as raised.</param>
/// <param name="Rule">As in <see cref="AlertRaised"/>.</param>
/// <param name="Subject">As in <see cref="AlertRaised"/>.</param>
/// <param name="PlatformId">As in <see cref="AlertRaised"/>.</param>
/// <param name="RegionCode">As in <see cref="AlertRaised"/>.</param>
/// <param name="FiredAt">When it fired.</param>
/// <param name="ResolvedAt">When the hub found the condition gone.</param>
public sealed record AlertResolved(
    long AlertId,
    string Rule,
    string Subject,
    string? PlatformId,
    string? RegionCode,
    DateTimeOffset FiredAt,
    DateTimeOffset ResolvedAt);
