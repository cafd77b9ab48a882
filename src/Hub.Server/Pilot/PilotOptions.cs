using System.ComponentModel.DataAnnotations;

namespace Hub.Server.Pilot;

/// <summary>One area of the expert panel's indicator system (评估指标体系), scored 0..<see cref="MaxScore"/>.</summary>
public sealed class PilotIndicator
{
    [Required, RegularExpression("^[a-z][a-zA-Z0-9]{0,39}$")]
    public string Key { get; set; } = "";

    [Required, StringLength(50)]
    public string NameZh { get; set; } = "";

    [Required, StringLength(100)]
    public string NameEn { get; set; } = "";

    [Range(1, 1000)]
    public int MaxScore { get; set; }
}

/// <summary>
/// The pilot application's configuration: the submission deadlines (the notice's dates by default) and the indicator
/// system the experts score against (the four areas the notice names for the 专家指导组).
/// </summary>
public sealed class PilotOptions : IValidatableObject
{
    public const string SectionName = "Pilot";

    /// <summary>The notice's deadlines are dates in Beijing time; a submission during that whole day is in time.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>Provincial departments submit to the centre by the end of this day (notice: 2017-08-20).</summary>
    public DateOnly ProvincialDeadline { get; set; } = new(2017, 8, 20);

    /// <summary>Earlier pilot regions apply directly to their provincial department by the end of this day (notice: 2017-08-10).</summary>
    public DateOnly DirectDeadline { get; set; } = new(2017, 8, 10);

    // Configuration binding appends to a list that has defaults, so the defaults apply only when none are configured.
    public List<PilotIndicator> Indicators { get; set; } = [];

    public static IReadOnlyList<PilotIndicator> NoticeIndicators { get; } =
    [
        new() { Key = "platformSecurity", NameZh = "平台安全稳定", NameEn = "Platform security and stability", MaxScore = 25 },
        new() { Key = "supplyModel", NameZh = "资源供给模式创新", NameEn = "Innovation in the resource supply model", MaxScore = 25 },
        new() { Key = "normalizedUse", NameZh = "资源应用模式常态化", NameEn = "Normalized use of resources", MaxScore = 25 },
        new() { Key = "supportServices", NameZh = "支持服务保障有力", NameEn = "Strong support services", MaxScore = 25 },
    ];

    public IReadOnlyList<PilotIndicator> EffectiveIndicators => Indicators.Count > 0 ? Indicators : NoticeIndicators;

    /// <summary>The last instant a submission is accepted: 24:00 Beijing time of the deadline day.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaOffset).AddDays(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var indicator in Indicators)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(indicator, new ValidationContext(indicator), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    yield return new ValidationResult($"Pilot:Indicators ({indicator.Key}): {result.ErrorMessage}");
                }
            }
        }
        if (Indicators.Select(i => i.Key).Distinct(StringComparer.Ordinal).Count() != Indicators.Count)
        {
            yield return new ValidationResult("Pilot:Indicators: keys must be unique");
        }
    }
}
