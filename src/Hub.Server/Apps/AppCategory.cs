namespace Hub.Server.Apps;

/// <summary>The eight application categories of the access spec (应用类别), in its order.</summary>
public enum AppCategory
{
    LessonPreparation = 1,
    InteractiveClassroom = 2,
    Collaboration = 3,
    OnlineCourses = 4,
    OnlineTeachingResearch = 5,
    HomeworkAssessment = 6,
    DigitalLibrary = 7,
    LanguageLearning = 8,
}

/// <summary>Wire codes and labels of <see cref="AppCategory"/>: the code is stable, the labels are for people.</summary>
public static class AppCategories
{
    private static readonly (AppCategory Category, string Code, string Zh, string En)[] Table =
    [
        (AppCategory.LessonPreparation, "lesson-preparation", "备课授课", "Lesson preparation and teaching"),
        (AppCategory.InteractiveClassroom, "interactive-classroom", "互动课堂", "Interactive classroom"),
        (AppCategory.Collaboration, "collaboration", "协作互动", "Collaboration"),
        (AppCategory.OnlineCourses, "online-courses", "网络课程", "Online courses"),
        (AppCategory.OnlineTeachingResearch, "online-teaching-research", "网络教研", "Online teaching research"),
        (AppCategory.HomeworkAssessment, "homework-assessment", "作业测评", "Homework and assessment"),
        (AppCategory.DigitalLibrary, "digital-library", "数字图书馆", "Digital library"),
        (AppCategory.LanguageLearning, "language-learning", "语言学习", "Language learning"),
    ];

    public static IReadOnlyList<AppCategory> All { get; } = [.. Table.Select(t => t.Category)];

    public static string Code(AppCategory category) => Table.First(t => t.Category == category).Code;

    public static string Label(AppCategory category) => Table.First(t => t.Category == category).Zh;

    public static string EnglishLabel(AppCategory category) => Table.First(t => t.Category == category).En;

    /// <summary>Accepts the code (<c>digital-library</c>) or the Chinese label (数字图书馆); surrounding spaces are ignored.</summary>
    public static AppCategory? Parse(string? value)
    {
        var text = value?.Trim();
        foreach (var entry in Table)
        {
            if (string.Equals(entry.Code, text, StringComparison.OrdinalIgnoreCase) || string.Equals(entry.Zh, text, StringComparison.Ordinal))
            {
                return entry.Category;
            }
        }
        return null;
    }
}
