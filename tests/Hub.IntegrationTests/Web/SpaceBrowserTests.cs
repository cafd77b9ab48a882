using System.Net.Http.Json;
using System.Text;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Space;
using Microsoft.Playwright;

namespace Hub.IntegrationTests.Web;

/// <summary>A parent's learning space in chromium: sign in, read the class notice, upload a file, write to the child's teacher.</summary>
public sealed class SpaceBrowserTests(BrowserHubApp app) : IClassFixture<BrowserHubApp>
{
    private static async Task SignInAsync(IPage page, string hubId)
    {
        await page.GotoAsync("/space");
        await page.FillAsync("#identifier", hubId);
        await page.FillAsync("#password", SpaceWorld.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => url.EndsWith("/space", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Space_Parent_ReadsNoticeUploadsFileAndWritesToTeacher()
    {
        var world = new SpaceWorld(app);
        var school = await world.SchoolAsync();
        var student = await world.PersonAsync(name: "王小红", roles: 0);
        await world.AffiliateAsync(student, school, 0, "2");
        var teacher = await world.PersonAsync(name: "周老师", roles: 1);
        await world.AffiliateAsync(teacher, school, 1, "2");
        var parent = await world.PersonAsync(name: "王爸爸", roles: 2);
        await world.LinkAsync(parent, student);
        using var notice = await (await world.PlatformAsync()).PostAsJsonAsync("/api/v1/space/announcements",
            new { title = "二班春游通知", body = "下周三春游，请准备午餐。", schoolCode = school, classCode = "2", roles = new[] { 2 } });
        notice.EnsureSuccessStatusCode();

        var page = await app.NewPageAsync();
        await SignInAsync(page, parent);
        Assert.Equal("我的学习空间", await page.Locator("h1").InnerTextAsync());
        await Assertions.Expect(page.Locator("#inbox tr.unread")).ToContainTextAsync("二班春游通知");
        await Assertions.Expect(page.Locator("#resource-inbox")).ToContainTextAsync("暂无推送给您的资源");

        await page.ClickAsync("text=二班春游通知");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("请准备午餐");
        await page.GotoAsync("/space");
        await Assertions.Expect(page.Locator("#inbox tr.read")).ToContainTextAsync("二班春游通知");

        await page.ClickAsync("nav >> text=我的文件");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "春游照片说明.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("照片稍后上传") });
        await page.SelectOptionAsync("#category", "note");
        await page.ClickAsync("#upload-submit");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("文件已保存");
        await Assertions.Expect(page.Locator("#files")).ToContainTextAsync("春游照片说明.txt");
        await Assertions.Expect(page.Locator("#files")).ToContainTextAsync("笔记");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#files >> text=春游照片说明.txt"));
        Assert.Equal("照片稍后上传", await File.ReadAllTextAsync((await download.PathAsync())!));

        await page.ClickAsync("nav >> text=写消息");
        await page.SelectOptionAsync("#to", teacher);
        await page.FillAsync("#subject", "春游午餐");
        await page.FillAsync("#body", "孩子对花生过敏，请留意。");
        await page.ClickAsync("#send");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("消息已发送");

        var teacherPage = await app.NewPageAsync();
        await SignInAsync(teacherPage, teacher);
        await teacherPage.ClickAsync("#inbox >> text=春游午餐");
        await Assertions.Expect(teacherPage.Locator("#message")).ToContainTextAsync("花生过敏");
        await Assertions.Expect(teacherPage.Locator("#reply")).ToBeVisibleAsync();
    }
}
