using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Space.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Space;

/// <summary>
/// A hub whose space stores on three file-system providers (two copies, quorum two), a small quota, and the background
/// maintenance switched off so that tests run a round themselves and see its exact effect.
/// </summary>
public class SpaceStorageApp : HubApp
{
    public const long Quota = 256 * 1024;
    public const long MaxFile = 64 * 1024;

    public static readonly string[] Disks = ["disk-a", "disk-b", "disk-c"];

    protected override IEnumerable<(string Key, string Value)> StorageSettings => SpaceStorage.FileSystem(StorageRoot, Disks);

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("Space:Storage:QuotaBytes", Quota.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Space:Storage:MaxFileBytes", MaxFile.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Space:Storage:RepairInterval", "00:00:00"),
        ("Space:Storage:UnhealthyFor", "00:00:00"),
    ];

    public string DiskRoot(string name) => Path.Combine(StorageRoot.FullName, name);

    /// <summary>Takes a provider away (as an unmounted volume would) until the returned handle is disposed.</summary>
    public IDisposable Unplug(string name)
    {
        var root = DiskRoot(name);
        var aside = root + ".unplugged";
        Directory.Move(root, aside);
        return new Restore(() => Directory.Move(aside, root));
    }

    public async Task<MaintenanceReport?> MaintainAsync() =>
        await Factory.Services.GetRequiredService<StorageMaintenance>().RunOnceAsync(default);

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
