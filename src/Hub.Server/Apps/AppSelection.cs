namespace Hub.Server.Apps;

/// <summary>applied → approved | rejected; an applied or approved one can then be withdrawn.</summary>
public enum AppSelectionStatus
{
    Applied = 0,
    Approved = 1,
    Rejected = 2,
    Withdrawn = 3,
}

/// <summary>
/// A vendor's application for its app to be used in a region (申请选用), decided by that region's admin after
/// testing. An approved one is a selection: it covers the region and every region below it, so lower regions need
/// not select the app again (上级区域已选用的，下级区域不需要重复选用). Rows are kept after a decision for the record.
/// </summary>
public sealed class AppSelection
{
    public long Id { get; set; }

    /// <summary>The <see cref="VendorApp.Id"/> (internal key).</summary>
    public long VendorAppId { get; set; }

    /// <summary>A current GB/T 2260 code (province, city or county) at the time of applying.</summary>
    public required string RegionCode { get; set; }

    public AppSelectionStatus Status { get; set; }

    /// <summary>What the vendor tells the reviewers (test accounts, scope of the pilot); optional.</summary>
    public string? Note { get; set; }

    public required string AppliedBy { get; set; }
    public DateTimeOffset AppliedAt { get; set; }

    /// <summary>The reviewer's notes on what was tested (测试情况).</summary>
    public string? TestNotes { get; set; }

    /// <summary>Why it was rejected; required for a rejection.</summary>
    public string? Reasons { get; set; }

    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>PostgreSQL's xmin: two reviewers deciding at once cannot both win.</summary>
    public uint Version { get; set; }
}
