using Hub.Server.Identity.Documents;

namespace Hub.IntegrationTests.Identity;

/// <summary>Valid, unique resident ID numbers for tests (random birth date and sequence, real region).</summary>
internal static class PeopleTestData
{
    public static string NewIdNumber(string region = "440305")
    {
        var birth = new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 365 * 40));
        return ResidentIdNumber.Compose(region, birth, Random.Shared.Next(0, 1000));
    }

    public static object Registration(string idNumber, string name = "张三", string region = "440305", string? localId = null,
        string? studentNumber = null, int[]? roles = null) => new
    {
        localId = localId ?? "u-" + Guid.NewGuid().ToString("N")[..10],
        name,
        document = new { type = (int)DocumentType.ResidentIdCard, number = idNumber },
        studentNumber,
        roles = roles ?? [1],
        regionCode = region,
    };
}
