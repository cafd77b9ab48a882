using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hub.Server.Space.Assets;
using Hub.Server.Space.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Space;

/// <summary>多云存储协同 on three real file-system providers: quorum writes, verified reads, repair, deletion everywhere, quota.</summary>
public sealed class SpaceStorageTests(SpaceStorageApp app) : IClassFixture<SpaceStorageApp>
{
    private readonly SpaceWorld _world = new(app);

    private async Task<(HttpClient Client, string HubId)> PersonAsync()
    {
        var hubId = await _world.PersonAsync();
        return (await _world.TokenAsync(hubId), hubId);
    }

    private static async Task<JsonElement> UploadAsync(HttpClient client, byte[] content, string name = "作业.txt")
    {
        using var response = await client.PostAsync("/api/v1/space/files", SpaceWorld.File(content, name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<(SpaceBlob Blob, List<BlobCopy> Copies)> StoredAsync(string fileId) => _world.DbAsync(async db =>
    {
        var blob = await db.Set<SpaceFile>().Where(f => f.Id == Guid.Parse(fileId)).Join(db.Set<SpaceBlob>(), f => f.BlobId, b => b.Id, (_, b) => b).SingleAsync();
        return (blob, await db.Set<BlobCopy>().Where(c => c.BlobId == blob.Id).ToListAsync());
    });

    private string PathOf(string disk, string key) => new FileSystemBackend(disk, app.DiskRoot(disk)).PathOf(key);

    private static byte[] Content(int size = 3000) => RandomNumberGenerator.GetBytes(size);

    [Fact]
    public async Task Upload_ThenDownload_SameBytesOnTwoProvidersEncrypted()
    {
        var (client, _) = await PersonAsync();
        var content = Encoding.UTF8.GetBytes("我的作文：春天来了。" + Guid.NewGuid());

        var file = await UploadAsync(client, content);
        var downloaded = await client.GetByteArrayAsync($"/api/v1/space/files/{file.GetProperty("id")}/content");

        Assert.Equal(content, downloaded);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), file.GetProperty("sha256").GetString());
        var (blob, copies) = await StoredAsync(file.GetProperty("id").GetString()!);
        Assert.Equal(2, copies.Count(c => c.State == CopyState.Ok));
        foreach (var copy in copies)
        {
            var stored = await File.ReadAllBytesAsync(PathOf(copy.Backend, blob.StorageKey));
            Assert.Equal(-1, stored.AsSpan().IndexOf(content.AsSpan(0, 16)));
        }
    }

    [Fact]
    public async Task Read_ProviderUnavailable_ServedByAnotherCopy()
    {
        var (client, _) = await PersonAsync();
        var content = Content();
        var file = await UploadAsync(client, content);
        var (_, copies) = await StoredAsync(file.GetProperty("id").GetString()!);

        using (app.Unplug(copies[0].Backend))
        {
            Assert.Equal(content, await client.GetByteArrayAsync($"/api/v1/space/files/{file.GetProperty("id")}/content"));
        }
        var (_, after) = await StoredAsync(file.GetProperty("id").GetString()!);
        Assert.All(after, c => Assert.Equal(CopyState.Ok, c.State)); // unreachable says nothing about the copy
    }

    [Fact]
    public async Task Read_CopyCorrupted_StillSucceedsAndRepairRewritesTheCopy()
    {
        var (client, _) = await PersonAsync();
        var content = Content();
        var file = await UploadAsync(client, content);
        var id = file.GetProperty("id").GetString()!;
        var (blob, copies) = await StoredAsync(id);
        // The copy reads go to first is the one corrupted (a flipped bit on disk), so the read must detect it and move on.
        var order = app.Factory.Services.GetRequiredService<BlobBackends>().ForReading(blob.StorageKey, copies.Select(c => c.Backend));
        var path = PathOf(order[0].Name, blob.StorageKey);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x5a;
        await File.WriteAllBytesAsync(path, bytes);
        var good = await File.ReadAllBytesAsync(PathOf(order[1].Name, blob.StorageKey));

        Assert.Equal(content, await client.GetByteArrayAsync($"/api/v1/space/files/{id}/content"));
        Assert.Contains((await StoredAsync(id)).Copies, c => c.Backend == order[0].Name && c.State == CopyState.Damaged);
        await app.MaintainAsync();

        var (_, repaired) = await StoredAsync(id);
        Assert.All(repaired, c => Assert.Equal(CopyState.Ok, c.State));
        foreach (var copy in repaired)
        {
            Assert.Equal(good, await File.ReadAllBytesAsync(PathOf(copy.Backend, blob.StorageKey)));
        }
    }

    [Fact]
    public async Task Scrub_MissingCopyNotYetRead_FoundAndRestored()
    {
        var (client, _) = await PersonAsync();
        var file = await UploadAsync(client, Content());
        var id = file.GetProperty("id").GetString()!;
        var (blob, copies) = await StoredAsync(id);
        File.Delete(PathOf(copies[1].Backend, blob.StorageKey));
        await _world.DbAsync(db => db.Set<BlobCopy>().Where(c => c.BlobId == blob.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.VerifiedAt, DateTimeOffset.UtcNow.AddDays(-30))));

        var report = await app.MaintainAsync();

        Assert.NotNull(report);
        Assert.True(report.Damaged >= 1 && report.Repaired >= 1, report.ToString());
        Assert.True(File.Exists(PathOf(copies[1].Backend, blob.StorageKey)));
        Assert.All((await StoredAsync(id)).Copies, c => Assert.Equal(CopyState.Ok, c.State));
    }

    [Fact]
    public async Task Upload_OneProviderDown_StoredOnTheOtherTwo()
    {
        var (client, _) = await PersonAsync();
        var content = Content();

        JsonElement file;
        using (app.Unplug(SpaceStorageApp.Disks[0]))
        {
            file = await UploadAsync(client, content);
        }

        var (_, copies) = await StoredAsync(file.GetProperty("id").GetString()!);
        Assert.Equal(["disk-b", "disk-c"], copies.Where(c => c.State == CopyState.Ok).Select(c => c.Backend).Order());
        Assert.Equal(content, await client.GetByteArrayAsync($"/api/v1/space/files/{file.GetProperty("id")}/content"));
    }

    [Fact]
    public async Task Upload_QuorumNotReached_RefusedAndNothingLeftAnywhere()
    {
        var (client, hubId) = await PersonAsync();
        var before = Directory.EnumerateFiles(app.DiskRoot("disk-c"), "*", SearchOption.AllDirectories).Count();

        HttpResponseMessage response;
        using (app.Unplug("disk-a"))
        using (app.Unplug("disk-b"))
        {
            response = await client.PostAsync("/api/v1/space/files", SpaceWorld.File(Content()));
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("HUB-SPC-0013", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/space/files");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        Assert.Equal(0, list.GetProperty("quota").GetProperty("usedBytes").GetInt64());
        Assert.Equal(before, Directory.EnumerateFiles(app.DiskRoot("disk-c"), "*", SearchOption.AllDirectories).Count());
        // The refused blob is only a deletion record until maintenance confirmed every backend; then it is gone.
        await app.MaintainAsync();
        var personId = await _world.DbAsync(db => db.Set<Hub.Server.Identity.Registry.Person>().Where(p => p.HubId == hubId).Select(p => p.Id).SingleAsync());
        Assert.Equal(0, await _world.DbAsync(db => db.Set<SpaceBlob>().CountAsync(b => b.OwnerPersonId == personId)));
    }

    [Fact]
    public async Task Upload_OverQuota_RefusedAndSameContentTwiceCountsOnce()
    {
        var (client, _) = await PersonAsync();
        var big = Content((int)SpaceStorageApp.MaxFile);
        for (var i = 0; i < 4; i++)
        {
            await UploadAsync(client, i == 3 ? big : Content((int)SpaceStorageApp.MaxFile));
        }
        await UploadAsync(client, big, "同一文件.bin");

        using var refused = await client.PostAsync("/api/v1/space/files", SpaceWorld.File(Content(10)));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("HUB-SPC-0012", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/space/files");
        Assert.Equal(5, list.GetProperty("items").GetArrayLength());
        Assert.Equal(SpaceStorageApp.Quota, list.GetProperty("quota").GetProperty("usedBytes").GetInt64());
    }

    [Fact]
    public async Task Upload_LargerThanFileLimit_Refused413()
    {
        var (client, _) = await PersonAsync();

        using var response = await client.PostAsync("/api/v1/space/files", SpaceWorld.File(Content((int)SpaceStorageApp.MaxFile + 1)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("HUB-SPC-0011", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Delete_LastFileOfAContent_RemovedFromEveryProviderAndQuotaFreed()
    {
        var (client, _) = await PersonAsync();
        var file = await UploadAsync(client, Content());
        var id = file.GetProperty("id").GetString()!;
        var (blob, copies) = await StoredAsync(id);

        using var deleted = await client.DeleteAsync($"/api/v1/space/files/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.All(SpaceStorageApp.Disks, disk => Assert.False(File.Exists(PathOf(disk, blob.StorageKey))));
        Assert.Equal(0, await _world.DbAsync(db => db.Set<BlobCopy>().CountAsync(c => c.BlobId == blob.Id)));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/space/files")).GetProperty("quota").GetProperty("usedBytes").GetInt64());
        using var gone = await client.GetAsync($"/api/v1/space/files/{id}/content");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.NotEmpty(copies);
    }

    [Fact]
    public async Task Delete_ProviderDownAtTheTime_RemovedWhenItReturns()
    {
        var (client, _) = await PersonAsync();
        var file = await UploadAsync(client, Content());
        var (blob, copies) = await StoredAsync(file.GetProperty("id").GetString()!);
        var absent = copies[0].Backend;

        using (app.Unplug(absent))
        {
            using var deleted = await client.DeleteAsync($"/api/v1/space/files/{file.GetProperty("id")}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.True(File.Exists(PathOf(absent, blob.StorageKey)));
        await app.MaintainAsync();

        Assert.False(File.Exists(PathOf(absent, blob.StorageKey)));
        Assert.Equal(0, await _world.DbAsync(db => db.Set<SpaceBlob>().CountAsync(b => b.Id == blob.Id)));
    }

    [Fact]
    public async Task SameFile_TwoPeople_UnrelatedObjectNamesAndCiphertexts()
    {
        var (first, _) = await PersonAsync();
        var (second, _) = await PersonAsync();
        var content = Content();

        var a = await StoredAsync((await UploadAsync(first, content)).GetProperty("id").GetString()!);
        var b = await StoredAsync((await UploadAsync(second, content)).GetProperty("id").GetString()!);

        Assert.Equal(a.Blob.ContentHash, b.Blob.ContentHash);
        Assert.NotEqual(a.Blob.StorageKey, b.Blob.StorageKey);
        Assert.NotEqual(a.Blob.StoredHash, b.Blob.StoredHash);
    }

    [Fact]
    public async Task Files_OfAnotherPerson_NotFoundForEveryOperation()
    {
        var (owner, _) = await PersonAsync();
        var (other, _) = await PersonAsync();
        var id = (await UploadAsync(owner, Content())).GetProperty("id").GetString();

        foreach (var (method, path) in new[] { ("GET", $"/api/v1/space/files/{id}"), ("GET", $"/api/v1/space/files/{id}/content"), ("DELETE", $"/api/v1/space/files/{id}") })
        {
            using var response = await other.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/v1/space/files")).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/space/files/{id}")).StatusCode);
    }
}
