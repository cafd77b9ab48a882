using Hub.Server.Platforms;

namespace Hub.Server.Pilot;

/// <summary>A pilot region that passed every check, with its coverage computed from the registry.</summary>
public sealed record ValidPilotRegion(string RegionCode, Applicant Applicant, IReadOnlyList<string> SchoolCodes, int PilotSchools, int AllSchools);

public sealed record ValidPilotPlatform(string ServiceRegionCode, PlatformForm Form, IReadOnlyList<ValidPilotRegion> Regions,
    string? CoverageDescription, string? Remarks);

public sealed record SummaryPerson(string Name, string Title, string Phone);

public sealed record ValidSummary(SummaryPerson Lead, SummaryPerson Contact, string Recommendation);

/// <summary>A complete application: what submission requires and what the exports write.</summary>
public sealed record ValidPilotApplication(IReadOnlyList<ValidPilotPlatform> Platforms, ValidSummary? Summary);
