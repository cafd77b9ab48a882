namespace Hub.Contracts.V1;

/// <summary>
/// Something happened to a support request that people should hear about in their personal space (每人一个空间):
/// filed, assigned, a comment, a status change, a breach. Published through the hub's transactional outbox in the
/// transaction of the change, so no notification is lost; the space's messages consume it.
/// </summary>
/// <param name="RequestNumber">The request's number, e.g. "SR-440305-2026-000123".</param>
/// <param name="SchoolCode">The school's 10-digit code.</param>
/// <param name="SchoolRegionCode">The school's GB/T 2260 region code.</param>
/// <param name="Event">filed, assigned, escalated, started, ask_school, answer, resolve, confirm, reopen, auto_close, cancel, comment or breach.</param>
/// <param name="Status">The request's status after the event (new, assigned, in_progress, waiting_for_school, resolved, closed, reopened, cancelled).</param>
/// <param name="Title">The request's title as the school wrote it.</param>
/// <param name="RecipientHubIds">The people to notify, by hub id; never empty.</param>
/// <param name="MessageZh">The notification text in Chinese.</param>
/// <param name="MessageEn">The notification text in English.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record SupportRequestUpdated(
    string RequestNumber,
    string SchoolCode,
    string SchoolRegionCode,
    string Event,
    string Status,
    string Title,
    IReadOnlyList<string> RecipientHubIds,
    string MessageZh,
    string MessageEn,
    DateTimeOffset OccurredAt);
