using Hub.Server.Space.Messages;
using Hub.Server.Identity.Registry;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Audit;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Hub.Server.Persistence;
using Hub.Server.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Hub.IntegrationTests.Support;

/// <summary>The lifecycle over the API: every step timestamped and audited, illegal steps refused, sides and versions enforced.</summary>
public sealed class SupportLifecycleTests(SupportHubApp app) : IClassFixture<SupportHubApp>
{
    private static string Path(JsonElement r, string action) => $"/api/v1/support/requests/{r.GetProperty("number").GetString()}/actions/{action}";

    [Fact]
    public async Task Lifecycle_FiledToRated_EveryStepTimestampedAuditedAndAnnounced()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        var handler = await s.HandlerAsync(s.County);
        var reporter = await ConsoleOperators.CreatePersonAsync(app, s.County);
        var (filed, r) = await s.FileAsync(reporterHubId: reporter);
        var number = r.GetProperty("number").GetString()!;

        await Ok(handler, Path(r, "start"));
        await Ok(handler, Path(r, "ask_school"), new { note = "请提供投影仪型号" });
        var answered = await Ok(s.Filer, $"/api/v1/support/requests/{number}/comments", new { body = "型号 EB-X41" });
        await Ok(handler, $"/api/v1/support/requests/{number}/comments", new { body = "备件已申请", @internal = true });
        await Ok(handler, Path(r, "resolve"), new { note = "更换电源板" });
        await Ok(s.Filer, Path(r, "confirm"));
        var rated = await Ok(s.Filer, $"/api/v1/support/requests/{number}/rating", new { rating = 5, remark = "响应很快" });
        var supportView = await s.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/support/requests/{number}");

        Assert.Equal("in_progress", answered.GetProperty("status").GetString());
        Assert.Equal("closed", rated.GetProperty("status").GetString());
        Assert.Equal(5, rated.GetProperty("rating").GetInt32());
        Assert.Equal("更换电源板", rated.GetProperty("resolution").GetString());
        Assert.Equal(["file", "route", "start", "ask_school", "answer", "resolve", "confirm"],
            rated.GetProperty("history").EnumerateArray().Select(t => t.GetProperty("action").GetString()));
        Assert.All(rated.GetProperty("history").EnumerateArray(), t => Assert.True(t.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.NotEqual(JsonValueKind.Null, rated.GetProperty("respondedAt").ValueKind);
        Assert.Equal(2, rated.GetProperty("comments").GetArrayLength());
        Assert.Equal(3, supportView.GetProperty("comments").GetArrayLength());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var actions = await db.Set<AuditEntry>().Where(a => a.SubjectId == number).Select(a => a.Action).ToListAsync();
        Assert.Superset(new HashSet<string> { "support.file", "support.route", "support.start", "support.ask_school", "support.comment", "support.resolve", "support.confirm", "support.rate" }, actions.ToHashSet());
        var notices = await db.Set<OutboxMessage>().Where(m => m.MessageType == "Hub.Contracts.V1.SupportRequestUpdated").Select(m => m.Body).ToListAsync();
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal(reporter, r.GetProperty("reporterHubId").GetString());
        var resolved = JsonDocument.Parse(Assert.Single(notices, b => b.Contains(number, StringComparison.Ordinal) && b.Contains("\"resolve\"", StringComparison.Ordinal))).RootElement;
        Assert.Equal([reporter], resolved.GetProperty("recipientHubIds").EnumerateArray().Select(h => h.GetString()));
        // The same notices reach the reporter's space messages.
        var reporterId = await db.Set<Person>().Where(p => p.HubId == reporter).Select(p => p.Id).SingleAsync();
        var inSpace = await db.Set<DirectMessage>().Where(m => m.RecipientPersonId == reporterId && m.Source == "support").Select(m => m.Subject).ToListAsync();
        Assert.Contains(inSpace, subject => subject.StartsWith(number, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Actions_IllegalTransitions_Return409AndChangeNothing()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        var handler = await s.HandlerAsync(s.County);
        var r = await s.FiledAsync();

        var (confirm, problem) = await SupportScenario.PostAsync(s.Filer, Path(r, "confirm"));
        var (resolve, _) = await SupportScenario.PostAsync(handler, Path(r, "resolve"), new { note = "x" });
        var (rate, rateProblem) = await SupportScenario.PostAsync(s.Filer, $"/api/v1/support/requests/{r.GetProperty("number").GetString()}/rating", new { rating = 4 });
        var (unknown, _) = await SupportScenario.PostAsync(handler, Path(r, "auto_close"));
        var after = await s.Filer.GetFromJsonAsync<JsonElement>($"/api/v1/support/requests/{r.GetProperty("number").GetString()}");

        Assert.Equal(HttpStatusCode.Conflict, confirm.StatusCode);
        Assert.Equal("HUB-SUP-0011", problem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, resolve.StatusCode);
        Assert.Equal("HUB-SUP-0016", rateProblem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(r.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        Assert.Equal("assigned", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Actions_WrongSideOrStaleVersion_Refused()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        var handler = await s.HandlerAsync(s.County);
        var r = await s.FiledAsync();
        var version = r.GetProperty("version").GetInt32();

        var (bySchool, schoolProblem) = await SupportScenario.PostAsync(s.Filer, Path(r, "start"));
        var (stale, staleProblem) = await SupportScenario.PostAsync(handler, Path(r, "start"), new { expectedVersion = version - 1 });
        var (fresh, _) = await SupportScenario.PostAsync(handler, Path(r, "start"), new { expectedVersion = version });
        var (again, _) = await SupportScenario.PostAsync(handler, Path(r, "ask_school"), new { note = "?", expectedVersion = version });
        var (noNote, noteProblem) = await SupportScenario.PostAsync(handler, Path(r, "resolve"));

        Assert.Equal(HttpStatusCode.Forbidden, bySchool.StatusCode);
        Assert.Equal("HUB-SUP-0013", schoolProblem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("HUB-SUP-0012", staleProblem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("HUB-SUP-0010", noteProblem.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reopen_AfterResolution_NeedsAReasonAndReturnsToWork()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        var handler = await s.HandlerAsync(s.County);
        var r = await s.FiledAsync();
        await Ok(handler, Path(r, "start"));
        await Ok(handler, Path(r, "resolve"), new { note = "已重启" });

        var (bare, _) = await SupportScenario.PostAsync(s.Filer, Path(r, "reopen"));
        var reopened = await Ok(s.Filer, Path(r, "reopen"), new { note = "又坏了" });
        var restarted = await Ok(handler, Path(r, "start"));
        var cancelled = await Ok(s.Filer, Path(r, "cancel"), new { note = "已自行更换" });

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal("reopened", reopened.GetProperty("status").GetString());
        Assert.Equal("in_progress", restarted.GetProperty("status").GetString());
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Get_OutsideTheJurisdiction_Returns404AndIsAudited()
    {
        var s = await SupportScenario.CreateAsync(app);
        var other = await SupportScenario.CreateAsync(app);
        var number = (await s.FiledAsync()).GetProperty("number").GetString()!;

        using var response = await other.Filer.GetAsync($"/api/v1/support/requests/{number}");
        var (act, _) = await SupportScenario.PostAsync(await other.HandlerAsync(other.County), $"/api/v1/support/requests/{number}/actions/start");
        var list = await other.Filer.GetFromJsonAsync<JsonElement>($"/api/v1/support/requests?schoolCode={s.School}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, act.StatusCode);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<AuditEntry>()
            .AnyAsync(a => a.SubjectId == number && a.Outcome == "denied: outside jurisdiction"));
    }

    [Fact]
    public async Task Attachments_TypeFromContentSizeLimitedServedAsDownloads()
    {
        var s = await SupportScenario.CreateAsync(app);
        var number = (await s.FiledAsync()).GetProperty("number").GetString()!;
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

        using var stored = await Upload(s.Filer, number, "故障.png", png, "text/html");
        using var html = await Upload(s.Filer, number, "page.png", Encoding.UTF8.GetBytes("<html>\u0001</html>"), "image/png");
        using var large = await Upload(s.Filer, number, "big.txt", Encoding.UTF8.GetBytes(new string('a', 5000)), "text/plain");
        using var path = await Upload(s.Filer, number, "../etc/passwd", png, "image/png");
        var view = await stored.Content.ReadFromJsonAsync<JsonElement>();
        using var download = await s.Filer.GetAsync($"/api/v1/support/requests/{number}/attachments/{view.GetProperty("id").GetInt64()}");

        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        Assert.Equal("image/png", view.GetProperty("contentType").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, html.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, path.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SchoolAccount_FilesOnlyForItsOwnSchoolAndHoldsOnlySchoolPermissions()
    {
        var s = await SupportScenario.CreateAsync(app);
        var other = await SupportScenario.CreateAsync(app);
        var hubId = await ConsoleOperators.CreatePersonAsync(app, s.County);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<OperatorAccounts>();
        var (tooMuch, errors) = await accounts.GrantAsync(new GrantOperatorRequest(hubId, null, [HubScopes.SupportRequest, HubScopes.OrganizationsRead], s.School),
            Hub.Server.Api.Caller.System, system: true, default);
        var (granted, _) = await accounts.GrantAsync(new GrantOperatorRequest(hubId, null, [HubScopes.SupportRequest], s.School), Hub.Server.Api.Caller.System, true, default);
        var identity = new ClaimsIdentity("test");
        identity.SetClaim(OpenIddictConstants.Claims.Subject, hubId);
        var caller = (await scope.ServiceProvider.GetRequiredService<OperatorSessions>().FindAsync(new ClaimsPrincipal(identity), default))!;
        var filing = scope.ServiceProvider.GetRequiredService<SupportFiling>();

        var foreign = await filing.FileAsync(new FileSupportRequest(other.School, "network", null, "断网", "整栋楼断网", null, null, null, null, null), caller, default);
        var own = await filing.FileAsync(new FileSupportRequest(null, "network", null, "断网", "整栋楼断网", null, null, null, null, null), caller, default);

        Assert.Null(tooMuch);
        Assert.Contains(errors, e => e.Field == "permissions");
        Assert.Equal(s.School, granted!.SchoolCode);
        Assert.Equal(s.School, caller.SchoolCode);
        Assert.Equal("schoolCode", Assert.Single(foreign.Errors!).Field);
        Assert.Equal(s.School, own.Request!.SchoolCode);
        Assert.NotNull(own.Request.ReporterPersonId);
    }

    private static async Task<JsonElement> Ok(HttpClient client, string path, object? body = null)
    {
        var (response, json) = await SupportScenario.PostAsync(client, path, body);
        Assert.True(response.IsSuccessStatusCode, path + " " + json);
        return json;
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, string number, string name, byte[] content, string type)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return client.PostAsync($"/api/v1/support/requests/{number}/attachments?fileName={Uri.EscapeDataString(name)}", body);
    }
}
