using System.Net;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Oidc;
using Hub.Server.Oidc;
using static Hub.IntegrationTests.Pilot.PilotTestData;

namespace Hub.IntegrationTests.Pilot;

public sealed class PilotPageTests(PilotHubApp app) : IClassFixture<PilotHubApp>
{
    [Fact]
    public async Task ConsoleForm_DraftSavedThenSubmitted_ShowsSubmittedWithCoverage()
    {
        var (province, _, county) = NewCounty();
        var (client, _) = await Province(app, province);
        var schools = await RegisterSchoolsAsync(client, county, 3);
        using var browser = await SignedInOperatorAsync(province, HubScopes.PilotApply);
        var (page, html) = await browser.GetAsync(new Uri("http://localhost/console/pilot/new"));
        var fields = Fields(province, county, schools);

        var (saved, savedHtml) = await browser.SubmitFormAsync(page.RequestMessage!.RequestUri!, html, fields, "save");
        var (submitted, submittedHtml) = await browser.SubmitFormAsync(saved.RequestMessage!.RequestUri!, savedHtml, new Dictionary<string, string>(), "submit");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Matches(@"/console/pilot/\d+$", saved.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("草稿", savedHtml);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("已提交，待评审", submittedHtml);
        Assert.Contains("100.0%", submittedHtml);
        Assert.Contains("export/attachment-3?platform=0&amp;region=0&amp;format=xlsx", submittedHtml);
    }

    [Fact]
    public async Task ConsoleForm_SubmitWithUnknownSchool_Returns400NamingTheField()
    {
        var (province, _, county) = NewCounty();
        var (client, _) = await Province(app, province);
        var schools = await RegisterSchoolsAsync(client, county, 1);
        using var browser = await SignedInOperatorAsync(province, HubScopes.PilotApply);
        var (page, html) = await browser.GetAsync(new Uri("http://localhost/console/pilot/new"));
        var fields = Fields(province, county, [.. schools, Organizations.OrganizationTestData.NewSchoolCode(county)]);

        var (response, body) = await browser.SubmitFormAsync(page.RequestMessage!.RequestUri!, html, fields, "submit");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<code>platforms[0].regions[0].schools[1]</code>", body);
        Assert.Contains("该校未在枢纽登记", body);
    }

    [Fact]
    public async Task Console_OperatorWithoutPilotPermission_Gets403()
    {
        using var browser = await SignedInOperatorAsync("440000", HubScopes.OrganizationsRead);

        var (response, _) = await browser.GetAsync(new Uri("http://localhost/console/pilot"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    internal static Dictionary<string, string> Fields(string province, string county, IEnumerable<string> schools)
    {
        var fields = new Dictionary<string, string>
        {
            ["platforms[0].serviceRegionCode"] = province, ["platforms[0].form.name"] = "某省教育资源公共服务平台",
            ["platforms[0].form.url"] = "https://edu.example.cn/", ["platforms[0].form.serviceScope"] = "province",
            ["platforms[0].form.developmentMode"] = "leased", ["platforms[0].form.technicalServiceProvider"] = "某科技有限公司",
            ["platforms[0].form.securityLevel"] = "3", ["platforms[0].form.dataCentreTypes"] = "own",
            ["platforms[0].form.egress.telecom"] = "1000", ["platforms[0].coverageDescription"] = "全省",
            ["platforms[0].regions[0].regionCode"] = county, ["platforms[0].regions[0].schools"] = string.Join("\n", schools),
            ["summary.lead.name"] = "王五", ["summary.lead.title"] = "馆长", ["summary.lead.phone"] = "13900139000",
            ["summary.contact.name"] = "赵六", ["summary.contact.title"] = "科长", ["summary.contact.phone"] = "020-87654321",
            ["summary.recommendation"] = "同意推荐",
        };
        foreach (var count in new[] { "registeredSchools", "registeredTeachers", "registeredStudents", "registeredParents", "operationsStaff",
            "annualBudgetTenThousandYuan", "storageTb", "physicalServers", "virtualServers" })
        {
            fields["platforms[0].form." + count] = "10";
        }
        foreach (var slot in new[] { "platforms[0].form.applicant", "platforms[0].regions[0].applicant" })
        {
            fields[slot + ".unit"] = "某电化教育馆";
            fields[slot + ".address"] = "某路 1 号";
            fields[slot + ".postcode"] = "510000";
            foreach (var person in new[] { "lead", "contact" })
            {
                fields[$"{slot}.{person}.name"] = "张三";
                fields[$"{slot}.{person}.phone"] = "13800138000";
                fields[$"{slot}.{person}.email"] = "zhang@example.cn";
            }
        }
        return fields;
    }

    private async Task<TestBrowser> SignedInOperatorAsync(string region, params string[] permissions)
    {
        var flow = new UserFlow(app);
        var (hubId, _) = await flow.CreatePersonAsync();
        await ConsoleOperators.GrantAsync(app, hubId, region, permissions);
        var browser = flow.NewBrowser();
        var (login, html) = await browser.GetAsync(new Uri("http://localhost/account/login"));
        await browser.SubmitFormAsync(login.RequestMessage!.RequestUri!, html,
            new Dictionary<string, string> { ["identifier"] = hubId, ["password"] = UserFlow.Password });
        return browser;
    }
}
