using System.Text;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Microsoft.Playwright;
using static Hub.IntegrationTests.Organizations.OrganizationTestData;

namespace Hub.IntegrationTests.Web;

/// <summary>A county admin in chromium: sign in, open the console, register a school, upload a school list.</summary>
public sealed class OrganizationConsoleBrowserTests(BrowserHubApp app) : IClassFixture<BrowserHubApp>
{
    private async Task<IPage> SignedInAsync(string? region, params string[] permissions)
    {
        var hubId = await ConsoleOperators.CreateAsync(app, region, permissions);
        return await SignInAsync(hubId);
    }

    private async Task<IPage> SignInAsync(string hubId)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/console");
        await page.FillAsync("#identifier", hubId);
        await page.FillAsync("#password", ConsoleOperators.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => url.EndsWith("/console", StringComparison.Ordinal));
        return page;
    }

    [Fact]
    public async Task Console_CountyAdmin_RegistersSchoolThroughTheForm()
    {
        var page = await SignedInAsync("440305", HubScopes.OrganizationsRead, HubScopes.OrganizationsWrite);
        var code = NewSchoolCode("440305");

        await page.ClickAsync("a[href='/console/organizations']");
        await page.FillAsync("#code", code);
        await page.FillAsync("#name", "南山区浏览器测试小学");
        await page.SelectOptionAsync("#schoolType", "小学（5年）");
        await page.FillAsync("#regionCode", "440305");
        await page.FillAsync("#bandwidth", "300M");
        foreach (var (field, value) in new[] { ("classCount", "20"), ("multimediaClassCount", "18"), ("mobileTerminalClassCount", "4"), ("teacherCount", "50"), ("studentCount", "900") })
        {
            await page.FillAsync("#" + field, value);
        }
        await page.ClickAsync("#add-school-submit");

        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync(code);
        await Assertions.Expect(page.Locator("#schools")).ToContainTextAsync("南山区浏览器测试小学");
        await Assertions.Expect(page.Locator("#schools")).ToContainTextAsync("300M");
    }

    [Fact]
    public async Task Console_UploadWithBadRow_ShowsTheRowAndFieldInChinese()
    {
        var page = await SignedInAsync("440305", HubScopes.OrganizationsRead, HubScopes.OrganizationsWrite);
        var csv = "学校标识码,学校名称,学校类型,所在地区代码,网络带宽,班级数,具备多媒体设备的班级数,学生配有移动终端的班级数,教师数,学生数\n"
            + $"{NewSchoolCode("440305")},上传小学,小学（6年）,440305,100M,10,11,0,30,400\n";

        await page.GotoAsync("/console/organizations");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "schools.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#import-submit");

        var alert = page.Locator("[role=alert]");
        await Assertions.Expect(alert).ToContainTextAsync("rows[0].multimediaClassCount");
        await Assertions.Expect(alert).ToContainTextAsync("不能超过班级数");
    }

    [Fact]
    public async Task Console_ReadOnlyAdmin_SeesTheListWithoutForms()
    {
        var page = await SignedInAsync("440305", HubScopes.OrganizationsRead);

        await page.GotoAsync("/console/organizations");

        await Assertions.Expect(page.Locator("#schools")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#add-school")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Console_PersonWithoutAdminAccount_GetsForbiddenPage()
    {
        var page = await SignInAsync(await ConsoleOperators.CreatePersonAsync(app, "440305"));

        var response = await page.GotoAsync("/console/organizations");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("无权访问");
    }
}
