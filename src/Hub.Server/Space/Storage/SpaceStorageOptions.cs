using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Hub.Server.Space.Storage;

public enum BackendKind
{
    /// <summary>A directory (a local disk or a mounted volume); the root must exist, so an unmounted volume is an error, not an empty disk.</summary>
    FileSystem = 1,

    /// <summary>An S3-compatible object store (path-style addressing, SigV4), e.g. a provincial cloud's OSS/COS/OBS endpoint.</summary>
    S3 = 2,
}

/// <summary>One storage provider of 多云存储协同. Names are stored with every copy, so a name never changes meaning.</summary>
public sealed class BackendOptions
{
    public string Name { get; set; } = "";
    public BackendKind Kind { get; set; }

    /// <summary>FileSystem: the root directory.</summary>
    public string? Root { get; set; }

    /// <summary>S3: endpoint URL, bucket, signing region, credentials and an optional key prefix inside the bucket.</summary>
    public string? ServiceUrl { get; set; }
    public string? Bucket { get; set; }
    public string Region { get; set; } = "us-east-1";
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string Prefix { get; set; } = "";
}

/// <summary>Where and how personal data assets are stored (section Space:Storage); validated at start.</summary>
public sealed class SpaceStorageOptions
{
    public const string SectionName = "Space:Storage";

    public List<BackendOptions> Backends { get; set; } = [];

    /// <summary>Copies each blob should have (placed by rendezvous hashing); repair tops up to this number.</summary>
    public int Copies { get; set; } = 2;

    /// <summary>Copies that must be confirmed before an upload succeeds; fewer and the upload is refused and rolled back.</summary>
    public int WriteQuorum { get; set; } = 2;

    /// <summary>Per-person quota over distinct stored contents (plaintext bytes).</summary>
    public long QuotaBytes { get; set; } = 1L << 30;

    /// <summary>Largest single file: objects are encrypted and verified whole, in memory.</summary>
    public long MaxFileBytes { get; set; } = 32L << 20;

    /// <summary>Master keys by id (base64 of 32 bytes) wrapping every person's data key; old ids stay until rewrapped.</summary>
    public Dictionary<string, string> MasterKeys { get; set; } = [];
    public string ActiveMasterKeyId { get; set; } = "";

    /// <summary>How long one backend operation may take before the backend counts as failed for this request.</summary>
    public TimeSpan BackendTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>After a failure a backend is tried last for this long (reads go to healthy backends first).</summary>
    public TimeSpan UnhealthyFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Background repair: round interval (0 turns the service off), copies per round, re-verification age.</summary>
    public TimeSpan RepairInterval { get; set; } = TimeSpan.FromMinutes(1);
    public int RepairBatch { get; set; } = 200;
    public TimeSpan ScrubAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>An upload whose writes never finished (a crashed replica) is cleaned up after this long.</summary>
    public TimeSpan AbandonedWriteAfter { get; set; } = TimeSpan.FromHours(1);
}

internal sealed partial class SpaceStorageOptionsValidator : IValidateOptions<SpaceStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SpaceStorageOptions o)
    {
        var failures = new List<string>();
        if (o.Backends.Count < 2)
        {
            failures.Add("Space:Storage:Backends needs at least two storage providers (every file is stored on at least two).");
        }
        foreach (var (b, i) in o.Backends.Select((b, i) => (b, i)))
        {
            if (!NamePattern().IsMatch(b.Name))
            {
                failures.Add($"Space:Storage:Backends:{i}:Name must be 1-32 lowercase letters, digits or '-'.");
            }
            if (b.Kind == BackendKind.FileSystem && string.IsNullOrWhiteSpace(b.Root))
            {
                failures.Add($"Space:Storage:Backends:{i}:Root is required for a FileSystem backend.");
            }
            if (b.Kind == BackendKind.S3 && (!Uri.TryCreate(b.ServiceUrl, UriKind.Absolute, out _) || string.IsNullOrWhiteSpace(b.Bucket)
                || string.IsNullOrEmpty(b.AccessKey) || string.IsNullOrEmpty(b.SecretKey)))
            {
                failures.Add($"Space:Storage:Backends:{i} (S3) needs ServiceUrl, Bucket, AccessKey and SecretKey.");
            }
            if (b.Kind is not (BackendKind.FileSystem or BackendKind.S3))
            {
                failures.Add($"Space:Storage:Backends:{i}:Kind must be FileSystem or S3.");
            }
        }
        if (o.Backends.Select(b => b.Name).Distinct(StringComparer.Ordinal).Count() != o.Backends.Count)
        {
            failures.Add("Space:Storage:Backends names must be unique.");
        }
        if (o.WriteQuorum < 2 || o.WriteQuorum > o.Copies || o.Copies > o.Backends.Count)
        {
            failures.Add("Space:Storage needs 2 <= WriteQuorum <= Copies <= number of backends.");
        }
        if (o.QuotaBytes <= 0 || o.MaxFileBytes <= 0 || o.MaxFileBytes > int.MaxValue / 2)
        {
            failures.Add("Space:Storage:QuotaBytes and MaxFileBytes must be positive (MaxFileBytes below 1 GiB).");
        }
        if (!o.MasterKeys.ContainsKey(o.ActiveMasterKeyId))
        {
            failures.Add("Space:Storage:ActiveMasterKeyId must name one of Space:Storage:MasterKeys.");
        }
        foreach (var (id, key) in o.MasterKeys)
        {
            var buffer = new byte[64];
            if (id.Length is 0 or > 16 || !Convert.TryFromBase64String(key, buffer, out var written) || written != 32)
            {
                failures.Add($"Space:Storage:MasterKeys:{id} must be an id of 1-16 characters with base64 of exactly 32 bytes.");
            }
        }
        if (o.BackendTimeout <= TimeSpan.Zero || o.RepairBatch <= 0 || o.RepairInterval < TimeSpan.Zero)
        {
            failures.Add("Space:Storage:BackendTimeout and RepairBatch must be positive, RepairInterval not negative.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex NamePattern();
}
