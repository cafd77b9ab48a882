using System.Net;
using Hub.IntegrationTests.Exchange;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Audit;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Monitoring;
using Hub.Server.Oidc;
using Microsoft.EntityFrameworkCore;

namespace Hub.IntegrationTests.Monitoring;

/// <summary>Console actions on a platform's health page: each needs its own permission, stays inside the jurisdiction and is audited.</summary>
public sealed class HealthConsoleTests(MonitoringHubApp app) : IClassFixture<MonitoringHubApp>
{
    private async Task<(TestBrowser Browser, Uri Page, string Html)> SignInAsync(string hubId, string path)
    {
        var browser = new TestBrowser(new Dictionary<string, HttpMessageHandler> { ["localhost"] = app.Factory.Server.CreateHandler() });
        var (login, form) = await browser.GetAsync(new Uri("http://localhost" + path));
        var (page, html) = await browser.SubmitFormAsync(login.RequestMessage!.RequestUri!, form,
            new Dictionary<string, string> { ["identifier"] = hubId, ["password"] = ConsoleOperators.Password });
        return (browser, page.RequestMessage!.RequestUri!, html);
    }

    [Fact]
    public async Task Console_ReconcileAndSuspend_EachNeedsItsPermissionAndIsAudited()
    {
        await using var platform = await TestPlatform.ConnectAsync(app, "440300");
        await app.HeartbeatAsync(platform, DateTimeOffset.UtcNow);
        await app.SampleAtAsync(DateTimeOffset.UtcNow);
        var path = $"/console/health/platforms/{platform.Id}";
        var reviewer = await ConsoleOperators.CreateAsync(app, "440000", HubScopes.PlatformsReview);
        var operatorId = await ConsoleOperators.CreateAsync(app, "440000", HubScopes.ExchangeManage);

        var (asReviewer, reviewerPage, reviewerHtml) = await SignInAsync(reviewer, path);
        var (refused, _) = await asReviewer.SubmitFormAsync(reviewerPage, reviewerHtml, new Dictionary<string, string>(), "reconcile");
        var (asOperator, operatorPage, operatorHtml) = await SignInAsync(operatorId, path);
        var (reconciled, reconciledHtml) = await asOperator.SubmitFormAsync(operatorPage, operatorHtml, new Dictionary<string, string> { ["entity"] = "people" }, "reconcile");
        var (suspended, suspendedHtml) = await asReviewer.SubmitFormAsync(reviewerPage, reviewerHtml, new Dictionary<string, string> { ["reasons"] = "同步异常，暂停排查" }, "suspend");
        await app.SampleAtAsync(DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.OK, (await asReviewer.GetAsync(reviewerPage)).Response.StatusCode);
        Assert.Contains("id=\"op-suspend\"", reviewerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"op-reconcile\"", reviewerHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-lag\"", operatorHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reconciled.StatusCode);
        Assert.Contains("id=\"done\"", reconciledHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        Assert.Contains("state-suspended", suspendedHtml, StringComparison.Ordinal);
        Assert.Equal(HealthState.Suspended, app.Latest(platform.Id)!.State);
        var audit = await app.QueryAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.SubjectId == platform.Id).ToListAsync());
        Assert.Contains(audit, a => a.Actor == "person:" + reviewer && a.Action == "monitoring.reconcile" && a.Outcome == "denied: permission");
        Assert.Contains(audit, a => a.Actor == "person:" + operatorId && a.Action == "exchange.reconcile.request");
        Assert.Contains(audit, a => a.Actor == "person:" + reviewer && a.Action == "platform.suspend");
        Assert.True(await app.QueryAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.MessageType == "Hub.Contracts.V1.ReconcileRequested"
            && m.Destination == Hub.Contracts.V1.ExchangeNames.Inbox(platform.Id))));
    }

    [Fact]
    public async Task Console_OperatorOfAnotherProvince_PlatformIsAbsentAndTheAttemptAudited()
    {
        await using var platform = await TestPlatform.ConnectAsync(app, "440300");
        await app.SampleAtAsync(DateTimeOffset.UtcNow);
        var beijing = await ConsoleOperators.CreateAsync(app, "110000", HubScopes.ExchangeManage, HubScopes.PlatformsReview);

        var (browser, _, overview) = await SignInAsync(beijing, "/console/health");
        var (page, _) = await browser.GetAsync(new Uri($"http://localhost/console/health/platforms/{platform.Id}"));

        Assert.DoesNotContain(platform.Id, overview, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.True(await app.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Actor == "person:" + beijing && a.SubjectId == platform.Id
            && a.Outcome == "denied: outside jurisdiction")));
    }
}
