using System.Security.Cryptography;
using System.Text.Json;
using Hub.Server.Identity.Protection;

namespace Hub.Bench.Lookup;

/// <summary>
/// The bench's personal-data keys: generated once into the work directory (git-ignored) and reused, because the
/// seeded blind indexes and ciphertexts are only readable with the keys they were made with.
/// </summary>
internal static class BenchKeys
{
    private const string FileName = "keys.json";

    public static PersonalDataOptions LoadOrCreate(string workDirectory)
    {
        Directory.CreateDirectory(workDirectory);
        var path = Path.Combine(workDirectory, FileName);
        if (File.Exists(path))
        {
            return JsonSerializer.Deserialize<PersonalDataOptions>(File.ReadAllText(path))
                ?? throw new InvalidOperationException($"{path} is empty");
        }
        var options = new PersonalDataOptions
        {
            BlindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ActiveKeyId = "bench1",
            EncryptionKeys = new() { ["bench1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(options));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return options;
    }
}
