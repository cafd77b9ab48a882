using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Hub.Server.Platforms;

/// <summary>
/// The stored and published shape of <see cref="PlatformForm"/>: camelCase members and enum names exactly as the
/// API accepts them ("province", "publicCloud"), so what is read back can be sent again unchanged.
/// </summary>
public static class PlatformJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static string Serialize(PlatformForm form) => JsonSerializer.Serialize(form, Options);

    public static PlatformForm Deserialize(string json) =>
        JsonSerializer.Deserialize<PlatformForm>(json, Options) ?? throw new JsonException("Stored platform form is null.");

    public static JsonElement ToElement(PlatformForm form) => JsonSerializer.SerializeToElement(form, Options);

    /// <summary>
    /// The form is an immutable record holding a list, so record equality would compare the list by reference;
    /// comparing the JSON finds real changes and nothing else.
    /// </summary>
    public static ValueComparer<PlatformForm> Comparer { get; } = new(
        (a, b) => ReferenceEquals(a, b) || (a != null && b != null && Serialize(a) == Serialize(b)),
        form => Serialize(form).GetHashCode(StringComparison.Ordinal),
        form => Deserialize(Serialize(form)));
}
