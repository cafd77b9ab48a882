using Hub.Server.Platforms;

namespace Hub.Server.Pilot;

// Wire shapes: every field optional, so a draft may be incomplete and a missing field is reported by name at submission.

/// <summary>A pilot region of a platform: attachment 3's header (the Applicant block) and the pilot schools by code.</summary>
public sealed record PilotRegionInput(string? RegionCode, ApplicantInput? Applicant, string[]? Schools);

/// <summary>
/// A platform of the application: attachment 2 (<see cref="Form"/>), the region it serves (its service area, at the
/// level of the form's service scope), its 1–3 pilot regions, and its row of attachment 4 (服务覆盖面, 备注).
/// </summary>
public sealed record PilotPlatformInput(
    string? ServiceRegionCode, PlatformFormInput? Form, PilotRegionInput[]? Regions, string? CoverageDescription, string? Remarks);

/// <summary>姓名, 职务, 电话 of attachment 4's 试点工作负责人 / 联系人.</summary>
public sealed record SummaryPersonInput(string? Name, string? Title, string? Phone);

/// <summary>Attachment 4's own fields; the province and the platform rows come from the application.</summary>
public sealed record PilotSummaryInput(SummaryPersonInput? Lead, SummaryPersonInput? Contact, string? Recommendation);

public sealed record PilotApplicationInput(PilotPlatformInput[]? Platforms, PilotSummaryInput? Summary, long? ExpectedVersion = null);

public sealed record SubmitRequest(long? ExpectedVersion);

public sealed record ScoringRequest(Dictionary<string, decimal?>? Scores, string? Opinion);

public sealed record DecisionRequest(bool? Approve, string? Reason, long? ExpectedVersion);

// Views.

/// <summary>Coverage of one pilot region, computed from the registry when asked (never typed in).</summary>
public sealed record CoverageView(int Platform, int Region, string RegionCode, string? RegionName, int PilotSchools, int AllSchools,
    string Percent, bool Meets);

public sealed record PilotApplicationView(
    long Id,
    string Kind,
    string RegionCode,
    string? RegionName,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    DateTimeOffset? PublishedAt,
    DateOnly Deadline,
    long ChangeVersion,
    PilotApplicationInput Content,
    IReadOnlyList<CoverageView> Coverage);

public sealed record IndicatorAverage(string Key, string NameZh, string NameEn, int MaxScore, decimal? Average);

public sealed record ScoringView(string Expert, IReadOnlyDictionary<string, decimal> Scores, decimal Total, string Opinion, DateTimeOffset RecordedAt);

/// <summary>What the centre sees before deciding: per-indicator averages, their total, and each expert's scoring.</summary>
public sealed record ReviewSummaryView(long ApplicationId, IReadOnlyList<IndicatorAverage> Indicators, decimal? Total, int Experts,
    IReadOnlyList<ScoringView> Scorings);

public sealed record PublishedRegionView(string RegionCode, string? RegionName, int PilotSchools);

public sealed record PublishedPlatformView(long ApplicationId, string Name, string Url, string ServiceScope, string ServiceRegionCode,
    string? ServiceRegionName, IReadOnlyList<PublishedRegionView> Regions, DateTimeOffset PublishedAt);

/// <summary>A line of the application list.</summary>
public sealed record PilotApplicationListItem(long Id, string Kind, string RegionCode, string? RegionName, string Status,
    DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt, long ChangeVersion);
