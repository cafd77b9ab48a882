namespace Hub.Server.Support;

/// <summary>
/// A new request. The school code is required unless the caller is a school account (its own school then); a platform
/// acting for a school names the reporting person (reporterHubId) so notifications reach their space.
/// </summary>
public sealed record FileSupportRequest(string? SchoolCode, string? Kind, string? Urgency, string? Title, string? Description,
    string? Classroom, long? DeviceId, string? Subject, string? Stage, string? ReporterHubId);

/// <summary>A lifecycle action: the note (question, resolution, reason) where required, and the version the caller saw (else 409).</summary>
public sealed record SupportActionRequest(string? Note, int? ExpectedVersion);

/// <summary>Exactly one of team and expert; a member (hub id) only with a team.</summary>
public sealed record AssignSupportRequest(long? TeamId, long? ExpertId, string? AssigneeHubId, string? Note, int? ExpectedVersion);

public sealed record SupportCommentRequest(string? Body, bool? Internal);

public sealed record RateSupportRequest(int? Rating, string? Remark);

public sealed record SupportTransitionView(string? From, string To, string Action, string Actor, string? Note, DateTimeOffset At);

public sealed record SupportCommentView(long Id, string Side, bool Internal, string Actor, string Body, DateTimeOffset CreatedAt);

public sealed record SupportAttachmentView(long Id, string FileName, string ContentType, int Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

public sealed record SupportBreachView(string Kind, DateTimeOffset DueAt, DateTimeOffset DetectedAt, string? FromRegionCode, string? EscalatedToRegionCode);

public sealed record SupportAssignmentView(long? TeamId, string? TeamName, long? ExpertId, string RegionCode, string? AssigneeHubId);

public sealed record SupportRequestView(
    string Number, string SchoolCode, string SchoolName, string SchoolRegionCode, string Kind, string Urgency, string Status,
    string Title, string Description, string? Classroom, long? DeviceId, string? Subject, string? Stage,
    SupportAssignmentView? Assignment, string? EscalatedRegionCode, string FiledBy, string? ReporterHubId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? RespondedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt,
    DateTimeOffset ResponseDueAt, DateTimeOffset ResolutionDueAt, bool ResponseBreached, bool ResolutionBreached,
    string? Resolution, int? Rating, string? RatingRemark, int Version,
    IReadOnlyList<SupportTransitionView> History, IReadOnlyList<SupportCommentView> Comments,
    IReadOnlyList<SupportAttachmentView> Attachments, IReadOnlyList<SupportBreachView> Breaches);

public sealed record SupportRequestSummary(string Number, string SchoolCode, string SchoolRegionCode, string Kind, string Urgency, string Status,
    string Title, string? AssignedRegionCode, bool Breached, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

public sealed record SupportRequestPage(IReadOnlyList<SupportRequestSummary> Items, string? Next);

/// <summary>A team: open days as ISO days 1 (Monday) … 7 (Sunday), opens and closes as HH:mm China time (closes may be 24:00).</summary>
public sealed record SupportTeamRequest(string? RegionCode, string? Name, string[]? Kinds, int[]? OpenDays, string? Opens, string? Closes, bool? Active);

public sealed record SupportTeamMemberRequest(string? HubId, bool? Lead);

public sealed record SupportTeamMemberView(string HubId, string Name, bool Lead);

public sealed record SupportTeamView(long Id, string RegionCode, string Name, string[] Kinds, int[] OpenDays, string Opens, string Closes,
    bool Active, IReadOnlyList<SupportTeamMemberView> Members, int Version);

public sealed record SupportExpertRequest(string? RegionCode, string? HubId, string[]? Subjects, string[]? Stages, bool? Active);

public sealed record SupportExpertView(long Id, string RegionCode, string HubId, string Name, string[] Subjects, string[] Stages, bool Active);

public sealed record SupportDeviceRequest(string? SchoolCode, string? Category, string? Name, string? Classroom, string? Model, string? SerialNumber, bool? Retired);

public sealed record SupportDeviceView(long Id, string SchoolCode, string RegionCode, string Category, string Name, string? Classroom,
    string Model, string SerialNumber, string Status, int FaultCount);

public sealed record RepeatedDeviceFault(long DeviceId, string SchoolCode, string Name, string? Classroom, string Model, string SerialNumber,
    int Faults, DateTimeOffset LastFaultAt);

public sealed record RepeatedModelFault(string Model, int Devices, int Faults, int DevicesWithRepeatedFaults);

public sealed record RepeatedFaultsView(DateOnly From, DateOnly To, int Threshold, IReadOnlyList<RepeatedDeviceFault> Devices,
    IReadOnlyList<RepeatedModelFault> Models);
