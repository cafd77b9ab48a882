namespace Hub.Server.Identity.Documents;

/// <summary>Which of the two accepted name forms a <see cref="PersonName"/> has.</summary>
public enum PersonNameScript
{
    /// <summary>Chinese characters, with <c>·</c> between the parts of a minority or transliterated name.</summary>
    Chinese = 1,

    /// <summary>Latin letters as on a passport, with spaces, hyphens, apostrophes and dots.</summary>
    Latin = 2,
}
