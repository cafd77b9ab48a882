namespace Hub.Server.Catalog;

/// <summary>A code of a published code list with its labels.</summary>
public sealed record CatalogCode(string Code, string Zh, string En);

/// <summary>
/// The code lists of the resource catalog, the same codes and labels as specs/data/codes (subjects, stages,
/// resource-types, licences, origin-levels). A code never changes meaning; new ones are appended.
/// </summary>
public static class CatalogCodes
{
    public static readonly IReadOnlyList<CatalogCode> Subjects =
    [
        new("chinese", "语文", "Chinese"), new("mathematics", "数学", "Mathematics"), new("english", "英语", "English"),
        new("japanese", "日语", "Japanese"), new("russian", "俄语", "Russian"), new("politics", "道德与法治/思想政治", "Morality and politics"),
        new("history", "历史", "History"), new("geography", "地理", "Geography"), new("science", "科学", "Science"),
        new("physics", "物理", "Physics"), new("chemistry", "化学", "Chemistry"), new("biology", "生物", "Biology"),
        new("information_technology", "信息技术", "Information technology"), new("general_technology", "通用技术", "General technology"),
        new("music", "音乐", "Music"), new("art", "美术", "Art"), new("arts", "艺术", "Arts (integrated)"),
        new("physical_education", "体育与健康", "Physical education"), new("labour", "劳动", "Labour education"),
        new("integrated_practice", "综合实践活动", "Integrated practical activities"), new("mental_health", "心理健康", "Mental health"),
        new("safety", "安全教育", "Safety education"), new("early_childhood", "学前教育", "Early childhood (all areas)"),
        new("vocational", "职业教育专业课", "Vocational specialty courses"), new("general", "通用（教育技术应用）", "General (educational technology)"),
        new("other", "其他", "Other"),
    ];

    public static readonly IReadOnlyList<CatalogCode> Stages =
    [
        new("preschool", "学前", "Preschool"), new("primary", "小学", "Primary"), new("junior", "初中", "Junior secondary"),
        new("senior", "高中", "Senior secondary"), new("vocational", "中职", "Secondary vocational"), new("special", "特殊教育", "Special education"),
    ];

    public static readonly IReadOnlyList<CatalogCode> ResourceTypes =
    [
        new("lesson_plan", "教学设计", "Lesson plan"), new("courseware", "课件", "Courseware"), new("micro_lecture", "微课", "Micro-lecture"),
        new("lesson_recording", "课堂实录", "Lesson recording"), new("learning_guide", "学案", "Learning guide"), new("exercise", "习题", "Exercise"),
        new("test_paper", "试卷", "Test paper"), new("textbook", "电子教材", "Digital textbook"),
        new("media", "媒体素材", "Media asset (text, image, audio, video, animation)"), new("case", "案例", "Case"),
        new("reference", "文献资料", "Reference material"), new("online_course", "网络课程", "Online course"), new("tool", "工具与应用", "Tool or app"),
        new("other", "其他", "Other"),
    ];

    public static readonly IReadOnlyList<CatalogCode> Licences =
    [
        new("free", "免费", "Free to every user"), new("paid", "收费", "Paid by the user"), new("procured", "政府购买", "Procured for the users of a region"),
    ];

    public static readonly IReadOnlyList<CatalogCode> OriginLevels =
    [
        new("national", "国家", "National"), new("province", "省级", "Province"), new("city", "地市", "City"),
        new("county", "区县", "County"), new("school", "学校", "School"),
    ];

    /// <summary>Fund sources of a procurement (采购经费来源).</summary>
    public static readonly IReadOnlyList<CatalogCode> FundSources =
    [
        new("special_fund", "教育信息化专项经费", "Education informatization special fund"),
        new("per_student_fund", "生均公用经费", "Per-student public funds"),
    ];

    public static bool Has(IReadOnlyList<CatalogCode> list, string? code) => code is not null && list.Any(c => c.Code == code);

    public static string Zh(IReadOnlyList<CatalogCode> list, string? code) => list.FirstOrDefault(c => c.Code == code)?.Zh ?? code ?? "";

    public static string En(IReadOnlyList<CatalogCode> list, string? code) => list.FirstOrDefault(c => c.Code == code)?.En ?? code ?? "";

    /// <summary>The level code of a jurisdiction level.</summary>
    public static string LevelCode(Oidc.JurisdictionLevel level) => level.ToString().ToLowerInvariant();
}
