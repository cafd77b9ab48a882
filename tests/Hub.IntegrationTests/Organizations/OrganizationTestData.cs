using System.Globalization;

namespace Hub.IntegrationTests.Organizations;

/// <summary>Fresh school codes and school requests, so that every test makes its own data.</summary>
public static class OrganizationTestData
{
    /// <summary>A new 10-digit school code of <paramref name="type"/> (21 primary …) in the province of <paramref name="region"/>.</summary>
    public static string NewSchoolCode(string region, string type = "21") =>
        type + region[..2] + Random.Shared.Next(1, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    public static object School(string code, string region, string type = "小学（6年）", string bandwidth = "100M",
        int classes = 24, int multimedia = 20, int mobile = 6, int teachers = 60, int students = 1100) => new
    {
        code,
        name = "测试学校" + code[^4..],
        schoolType = type,
        regionCode = region,
        bandwidth,
        classCount = classes,
        multimediaClassCount = multimedia,
        mobileTerminalClassCount = mobile,
        teacherCount = teachers,
        studentCount = students,
    };
}
