using Hub.Testing;

namespace Hub.IntegrationTests.Infrastructure;

/// <summary>Settings of the space's storage for test hubs: file-system backends (several roots = several providers) and the real S3 server.</summary>
public static class SpaceStorage
{
    /// <summary>One file-system backend per name, each a directory under <paramref name="root"/>; master key and quorum 2.</summary>
    public static IEnumerable<(string Key, string Value)> FileSystem(DirectoryInfo root, params string[] names)
    {
        var settings = new List<(string, string)>
        {
            ("Space:Storage:ActiveMasterKeyId", "m1"),
            ("Space:Storage:MasterKeys:m1", TestKeys.Random32()),
            ("Space:Storage:Copies", "2"),
            ("Space:Storage:WriteQuorum", "2"),
        };
        for (var i = 0; i < names.Length; i++)
        {
            settings.Add(($"Space:Storage:Backends:{i}:Name", names[i]));
            settings.Add(($"Space:Storage:Backends:{i}:Kind", "FileSystem"));
            settings.Add(($"Space:Storage:Backends:{i}:Root", root.CreateSubdirectory(names[i]).FullName));
        }
        return settings;
    }

    /// <summary>An S3 backend at index <paramref name="index"/> on the test S3 server, under a key prefix of its own.</summary>
    public static IEnumerable<(string Key, string Value)> S3(int index, string name, string prefix) =>
    [
        ($"Space:Storage:Backends:{index}:Name", name),
        ($"Space:Storage:Backends:{index}:Kind", "S3"),
        ($"Space:Storage:Backends:{index}:ServiceUrl", TestEnvironment.S3Endpoint),
        ($"Space:Storage:Backends:{index}:Bucket", TestEnvironment.S3Bucket),
        ($"Space:Storage:Backends:{index}:AccessKey", TestEnvironment.S3AccessKey),
        ($"Space:Storage:Backends:{index}:SecretKey", TestEnvironment.S3SecretKey),
        ($"Space:Storage:Backends:{index}:Prefix", prefix),
    ];
}
