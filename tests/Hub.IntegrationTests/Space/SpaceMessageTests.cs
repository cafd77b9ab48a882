using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Audit;
using Hub.Server.Space.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Space;

/// <summary>Announcements resolved at read time, jurisdiction, class and role targeting, direct messages between parents and teachers.</summary>
public sealed class SpaceMessageTests(HubApp app) : IClassFixture<HubApp>
{
    private readonly SpaceWorld _world = new(app);

    private static async Task<List<JsonElement>> InboxAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/space/inbox?limit=100")).GetProperty("items").EnumerateArray()];

    private static async Task<long> AnnounceAsync(HttpClient sender, object request)
    {
        using var response = await sender.PostAsJsonAsync("/api/v1/space/announcements", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Announcement_ToACity_ReachesItsPeopleOnly_OneRowAndReadRowsOnlyWhenRead()
    {
        var inside = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            inside.Add(await _world.TokenAsync(await _world.PersonAsync("440305")));
        }
        var outside = await _world.TokenAsync(await _world.PersonAsync("440106"));
        var title = "深圳市通知 " + Guid.NewGuid().ToString("N")[..6];

        var id = await AnnounceAsync(await _world.PlatformAsync(), new { title, body = "明天停课。", regionCode = "440300" });

        foreach (var client in inside)
        {
            Assert.Contains(await InboxAsync(client), i => i.GetProperty("title").GetString() == title && !i.GetProperty("read").GetBoolean());
        }
        Assert.DoesNotContain(await InboxAsync(outside), i => i.GetProperty("title").GetString() == title);
        Assert.Equal(1, await _world.DbAsync(db => db.Set<Announcement>().CountAsync(a => a.Title == title)));
        Assert.Equal(0, await _world.DbAsync(db => db.Set<AnnouncementRead>().CountAsync(r => r.AnnouncementId == id)));

        using var read = await inside[0].PostAsync($"/api/v1/space/inbox/announcements/{id}/read", null);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        Assert.Equal(1, await _world.DbAsync(db => db.Set<AnnouncementRead>().CountAsync(r => r.AnnouncementId == id)));
        Assert.True((await InboxAsync(inside[0])).Single(i => i.GetProperty("id").GetInt64() == id && i.GetProperty("kind").GetString() == "announcement")
            .GetProperty("read").GetBoolean());
        using var notMine = await outside.PostAsync($"/api/v1/space/inbox/announcements/{id}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
    }

    [Fact]
    public async Task Announcement_OutsideJurisdiction_RefusedAndSchoolAttemptAudited()
    {
        var (city, cityId) = await PlatformClients.CreateAsync(app, "440300", Hub.Server.Oidc.HubScopes.SpaceAnnounce);
        var guangzhouSchool = await _world.SchoolAsync("440106");

        using var region = await city.PostAsJsonAsync("/api/v1/space/announcements", new { title = "越权", body = "x", regionCode = "440106" });
        using var school = await city.PostAsJsonAsync("/api/v1/space/announcements", new { title = "越权", body = "x", schoolCode = guangzhouSchool });

        Assert.Equal("HUB-SPC-0004", (await region.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("HUB-SPC-0005", (await school.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.True(await _world.DbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Actor == cityId && e.SubjectId == guangzhouSchool && e.Outcome.StartsWith("denied"))));
        Assert.Equal(0, await _world.DbAsync(db => db.Set<Announcement>().CountAsync(a => a.SenderActor == cityId)));
    }

    [Fact]
    public async Task Announcement_ToOneClassForParents_ReachesThoseParentsOnly()
    {
        var school = await _world.SchoolAsync();
        var (student, otherStudent) = (await _world.PersonAsync(roles: 0), await _world.PersonAsync(roles: 0));
        await _world.AffiliateAsync(student, school, 0, "3");
        await _world.AffiliateAsync(otherStudent, school, 0, "4");
        var (parent, otherParent) = (await _world.PersonAsync(name: "李家长", roles: 2), await _world.PersonAsync(name: "王家长", roles: 2));
        await _world.LinkAsync(parent, student);
        await _world.LinkAsync(otherParent, otherStudent);
        var title = "三班家长会 " + Guid.NewGuid().ToString("N")[..6];

        await AnnounceAsync(await _world.PlatformAsync(), new { title, body = "周五下午三点。", schoolCode = school, classCode = "3", roles = new[] { 2 } });

        Assert.Contains(await InboxAsync(await _world.TokenAsync(parent)), i => i.GetProperty("title").GetString() == title);
        Assert.DoesNotContain(await InboxAsync(await _world.TokenAsync(otherParent)), i => i.GetProperty("title").GetString() == title);
        Assert.DoesNotContain(await InboxAsync(await _world.TokenAsync(student)), i => i.GetProperty("title").GetString() == title);
    }

    [Fact]
    public async Task Teacher_AnnouncesToOwnClass_ButNotToAnotherSchool_AndCanWithdraw()
    {
        var (school, otherSchool) = (await _world.SchoolAsync(), await _world.SchoolAsync());
        var teacher = await _world.PersonAsync(name: "陈老师", roles: 1);
        await _world.AffiliateAsync(teacher, school, 1, "2");
        var student = await _world.PersonAsync(roles: 0);
        await _world.AffiliateAsync(student, school, 0, "2");
        var teacherClient = await _world.TokenAsync(teacher);
        var title = "作业提醒 " + Guid.NewGuid().ToString("N")[..6];

        var id = await AnnounceAsync(teacherClient, new { title, body = "请完成练习册第 5 页。", schoolCode = school, classCode = "2" });
        using var refused = await teacherClient.PostAsJsonAsync("/api/v1/space/announcements", new { title, body = "x", schoolCode = otherSchool });
        using var region = await teacherClient.PostAsJsonAsync("/api/v1/space/announcements", new { title, body = "x", regionCode = "440305" });

        var studentClient = await _world.TokenAsync(student);
        Assert.Contains(await InboxAsync(studentClient), i => i.GetProperty("title").GetString() == title && i.GetProperty("senderName").GetString() == "陈老师");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, region.StatusCode);

        using var withdrawn = await teacherClient.DeleteAsync($"/api/v1/space/announcements/{id}");
        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        Assert.DoesNotContain(await InboxAsync(studentClient), i => i.GetProperty("title").GetString() == title);
    }

    [Fact]
    public async Task DirectMessage_ParentAndChildsTeacher_BothWays_UnrelatedTeacherUnreachable()
    {
        var (school, otherSchool) = (await _world.SchoolAsync(), await _world.SchoolAsync());
        var student = await _world.PersonAsync(roles: 0);
        await _world.AffiliateAsync(student, school, 0, "1");
        var teacher = await _world.PersonAsync(name: "赵老师", roles: 1);
        await _world.AffiliateAsync(teacher, school, 1, "1");
        var stranger = await _world.PersonAsync(name: "钱老师", roles: 1);
        await _world.AffiliateAsync(stranger, otherSchool, 1);
        var parent = await _world.PersonAsync(name: "孙家长", roles: 2);
        await _world.LinkAsync(parent, student);
        var (parentClient, teacherClient) = (await _world.TokenAsync(parent), await _world.TokenAsync(teacher));

        var contacts = await parentClient.GetFromJsonAsync<JsonElement>("/api/v1/space/contacts");
        Assert.Contains(contacts.EnumerateArray(), c => c.GetProperty("hubId").GetString() == teacher && c.GetProperty("relation").GetString() == "teacher-of-child");
        Assert.DoesNotContain(contacts.EnumerateArray(), c => c.GetProperty("hubId").GetString() == stranger);

        using var sent = await parentClient.PostAsJsonAsync("/api/v1/space/messages", new { recipientHubId = teacher, subject = "请假", body = "孩子发烧，明天请假一天。" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var received = (await InboxAsync(teacherClient)).Single(i => i.GetProperty("kind").GetString() == "message");
        Assert.Equal(parent, received.GetProperty("senderHubId").GetString());

        using var reply = await teacherClient.PostAsJsonAsync("/api/v1/space/messages",
            new { recipientHubId = parent, subject = "回复：请假", body = "好的，祝早日康复。", replyTo = received.GetProperty("id").GetInt64() });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        Assert.Contains(await InboxAsync(parentClient), i => i.GetProperty("title").GetString() == "回复：请假");

        using var refused = await parentClient.PostAsJsonAsync("/api/v1/space/messages", new { recipientHubId = stranger, subject = "你好", body = "x" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("HUB-SPC-0008", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task SendDirectAsync_ServiceMessage_InTheInboxWithItsSource_UnknownPersonIsNull()
    {
        var hubId = await _world.PersonAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var messages = scope.ServiceProvider.GetRequiredService<SpaceMessages>();

        var id = await messages.SendDirectAsync(new ServiceMessage(hubId, "技术支持 Support", "support:ticket/7", "工单已受理", "我们已收到您的问题。"), default);
        var none = await messages.SendDirectAsync(new ServiceMessage("P0000000000000000", "技术支持", "support:ticket/8", "x", "y"), default);

        Assert.NotNull(id);
        Assert.Null(none);
        var item = (await InboxAsync(await _world.TokenAsync(hubId))).Single();
        Assert.Equal(("support:ticket/7", "工单已受理", false), (item.GetProperty("source").GetString(), item.GetProperty("title").GetString(), item.GetProperty("read").GetBoolean()));
        await Assert.ThrowsAsync<ArgumentException>(() => messages.SendDirectAsync(new ServiceMessage(hubId, "x", "s", "", "body"), default));
    }

    [Fact]
    public async Task Inbox_PagedByCursor_EveryEntryOnceNewestFirst()
    {
        var hubId = await _world.PersonAsync();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var messages = scope.ServiceProvider.GetRequiredService<SpaceMessages>();
            for (var i = 0; i < 7; i++)
            {
                await messages.SendDirectAsync(new ServiceMessage(hubId, "系统", "test", "第" + i + "条", "内容"), default);
            }
        }
        var client = await _world.TokenAsync(hubId);
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/space/inbox?limit=3" + (after is null ? "" : "&after=" + after));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!));
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);

        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => "第" + i + "条"), seen);
        using var bad = await client.GetAsync("/api/v1/space/inbox?after=zzz");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task SpaceApi_ClientCredentialsToken_IsNotAPerson()
    {
        var (platform, _) = await PlatformClients.CreateAsync(app, "440300", Hub.Server.Oidc.HubScopes.PeopleRead);
        using var anonymous = await app.CreateClient().GetAsync("/api/v1/space/inbox");
        using var noScope = await platform.GetAsync("/api/v1/space/inbox");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
    }
}
