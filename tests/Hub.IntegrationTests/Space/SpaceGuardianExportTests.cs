using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Audit;
using Microsoft.EntityFrameworkCore;

namespace Hub.IntegrationTests.Space;

/// <summary>The guardian rule (a linked parent reads a student's space only where the school allows it, audited) and the personal data export.</summary>
public sealed class SpaceGuardianExportTests(HubApp app) : IClassFixture<HubApp>
{
    private readonly SpaceWorld _world = new(app);

    private async Task<(string Student, string FileId, HttpClient StudentClient)> StudentWithFileAsync(string school)
    {
        var student = await _world.PersonAsync(name: "小明", roles: 0);
        await _world.AffiliateAsync(student, school, 0, "5");
        var client = await _world.TokenAsync(student);
        using var upload = await client.PostAsync("/api/v1/space/files", SpaceWorld.File(Encoding.UTF8.GetBytes("我的画"), "画.txt", "work"));
        upload.EnsureSuccessStatusCode();
        return (student, (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, client);
    }

    [Fact]
    public async Task Guardian_SchoolAllows_ReadsFilesAndInbox_EachReadAudited()
    {
        var (student, fileId, _) = await StudentWithFileAsync(await _world.SchoolAsync(guardiansMayView: true));
        var parent = await _world.PersonAsync(name: "小明妈妈", roles: 2);
        await _world.LinkAsync(parent, student);
        var parentClient = await _world.TokenAsync(parent);

        var students = await parentClient.GetFromJsonAsync<JsonElement>("/api/v1/space/students");
        var files = await parentClient.GetFromJsonAsync<JsonElement>($"/api/v1/space/students/{student}/files");
        var content = await parentClient.GetByteArrayAsync($"/api/v1/space/students/{student}/files/{fileId}/content");
        using var inbox = await parentClient.GetAsync($"/api/v1/space/students/{student}/inbox");

        Assert.True(students[0].GetProperty("allowed").GetBoolean());
        Assert.Equal(fileId, files.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal("我的画", Encoding.UTF8.GetString(content));
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Equal(3, await _world.DbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "space.guardian.read" && e.SubjectId == student && e.Outcome == "ok")));
    }

    [Fact]
    public async Task Guardian_SchoolDoesNotAllow_NotFoundAndAudited()
    {
        var (student, fileId, _) = await StudentWithFileAsync(await _world.SchoolAsync(guardiansMayView: false));
        var parent = await _world.PersonAsync(roles: 2);
        await _world.LinkAsync(parent, student);
        var parentClient = await _world.TokenAsync(parent);

        using var files = await parentClient.GetAsync($"/api/v1/space/students/{student}/files");
        using var content = await parentClient.GetAsync($"/api/v1/space/students/{student}/files/{fileId}/content");

        Assert.Equal(HttpStatusCode.NotFound, files.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
        Assert.Equal("HUB-SPC-0023", (await files.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.False((await parentClient.GetFromJsonAsync<JsonElement>("/api/v1/space/students"))[0].GetProperty("allowed").GetBoolean());
        Assert.Equal(2, await _world.DbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "space.guardian.read" && e.SubjectId == student
            && e.Outcome == "denied: school setting")));
    }

    [Fact]
    public async Task Guardian_NotLinkedParentOrAnotherStudent_CannotReadEvenWhereAllowed()
    {
        var school = await _world.SchoolAsync(guardiansMayView: true);
        var (student, fileId, _) = await StudentWithFileAsync(school);
        var (classmate, _, classmateClient) = await StudentWithFileAsync(school);
        var strangerClient = await _world.TokenAsync(await _world.PersonAsync(roles: 2));

        foreach (var client in new[] { strangerClient, classmateClient })
        {
            using var files = await client.GetAsync($"/api/v1/space/students/{student}/files");
            using var content = await client.GetAsync($"/api/v1/space/students/{student}/files/{fileId}/content");
            using var direct = await client.GetAsync($"/api/v1/space/files/{fileId}/content");
            Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { files.StatusCode, content.StatusCode, direct.StatusCode });
        }
        Assert.NotEqual(student, classmate);
    }

    [Fact]
    public async Task Export_Json_HoldsEverySectionWithMaskedDocumentAndTheSignIn()
    {
        var school = await _world.SchoolAsync();
        var (student, fileId, client) = await StudentWithFileAsync(school);

        using var response = await client.GetAsync("/api/v1/space/export?format=json");
        var text = await response.Content.ReadAsStringAsync();
        var export = JsonDocument.Parse(text).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sections = export.GetProperty("sections");
        Assert.Equal(["person", "affiliations", "guardians", "consents", "signIns", "accessLog", "messages", "files", "usage"],
            sections.EnumerateObject().Select(p => p.Name));
        Assert.Contains("*", sections.GetProperty("person")[0].GetProperty("documentNumberMasked").GetString(), StringComparison.Ordinal);
        Assert.Equal(school, sections.GetProperty("affiliations")[0].GetProperty("organizationCode").GetString());
        Assert.Contains(sections.GetProperty("signIns").EnumerateArray(), s => s.GetProperty("method").GetString() == "signin.password");
        Assert.Contains(sections.GetProperty("consents").EnumerateArray(), c => c.GetProperty("scopes").GetString()!.Contains("space", StringComparison.Ordinal));
        Assert.Equal(fileId, sections.GetProperty("files")[0].GetProperty("id").GetString());
        Assert.DoesNotMatch(@"\d{17}[\dX]", text);
        Assert.True(await _world.DbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "space.export" && e.SubjectId == student)));
    }

    [Fact]
    public async Task Export_Csv_ExcelReadableWithSectionTitles_NoFullDocumentNumber()
    {
        var hubId = await _world.PersonAsync(name: "导出者");
        var client = await _world.TokenAsync(hubId);
        var ciphertextNumber = await _world.DbAsync(db => db.Set<Hub.Server.Identity.Registry.Person>().Where(p => p.HubId == hubId).Select(p => p.DocumentMasked).SingleAsync());

        var bytes = await client.GetByteArrayAsync("/api/v1/space/export?format=csv");
        using var bad = await client.GetAsync("/api/v1/space/export?format=xml");

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Contains("实名信息（证件号码已打码）", csv, StringComparison.Ordinal);
        Assert.Contains("登录记录 Sign-ins (signIns)", csv, StringComparison.Ordinal);
        Assert.Contains(ciphertextNumber!, csv, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{17}[\dX]", csv);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
