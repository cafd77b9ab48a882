using System.ComponentModel.DataAnnotations;

namespace Hub.Server.Identity.SignIn;

public sealed class SignInOptions
{
    public const string SectionName = "SignIn";

    /// <summary>Failed passwords in a row before the account locks.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts per client address per minute (all accounts together).</summary>
    [Range(1, 10_000)]
    public int AttemptsPerMinutePerAddress { get; set; } = 20;

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 8;
}
