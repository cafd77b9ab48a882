using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Space.Assets;
using Hub.Server.Space.Storage;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Space;

/// <summary>Two S3 providers on the real S3-compatible server (s3rver, signatures checked), each under a key prefix of its own.</summary>
public sealed class SpaceS3App : HubApp
{
    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..12] + "/";

    protected override IEnumerable<(string Key, string Value)> StorageSettings =>
        SpaceStorage.FileSystem(StorageRoot).Concat(SpaceStorage.S3(0, "s3-a", Prefix + "a/")).Concat(SpaceStorage.S3(1, "s3-b", Prefix + "b/"));

    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Space:Storage:RepairInterval", "00:00:00")];
}

public sealed class SpaceS3Tests(SpaceS3App app) : IClassFixture<SpaceS3App>, IDisposable
{
    private readonly SpaceWorld _world = new(app);
    private readonly AmazonS3Client _s3 = new(new BasicAWSCredentials(TestEnvironment.S3AccessKey, TestEnvironment.S3SecretKey),
        new AmazonS3Config
        {
            ServiceURL = TestEnvironment.S3Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED, ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    private async Task<(HttpClient Client, string FileId, byte[] Content, SpaceBlob Blob)> UploadAsync()
    {
        var client = await _world.TokenAsync(await _world.PersonAsync());
        var content = RandomNumberGenerator.GetBytes(20_000);
        using var response = await client.PostAsync("/api/v1/space/files", SpaceWorld.File(content, "画.png", "work", "image/png"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var blob = await _world.DbAsync(db => db.Set<SpaceFile>().Where(f => f.Id == Guid.Parse(id))
            .Join(db.Set<SpaceBlob>(), f => f.BlobId, b => b.Id, (_, b) => b).SingleAsync());
        return (client, id, content, blob);
    }

    private async Task<byte[]?> ObjectAsync(string key)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(TestEnvironment.S3Bucket, key);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [Fact]
    public async Task S3_UploadAndDownload_ObjectsOnBothProvidersAreCiphertext()
    {
        var (client, id, content, blob) = await UploadAsync();

        Assert.Equal(content, await client.GetByteArrayAsync($"/api/v1/space/files/{id}/content"));
        foreach (var side in new[] { "a/", "b/" })
        {
            var stored = await ObjectAsync(app.Prefix + side + blob.StorageKey);
            Assert.NotNull(stored);
            Assert.Equal(blob.StoredHash, SHA256.HashData(stored));
            Assert.Equal(-1, stored.AsSpan().IndexOf(content.AsSpan(0, 32)));
        }
    }

    [Fact]
    public async Task S3_ObjectOverwrittenWithGarbage_ReadSucceedsAndRepairRestoresIt()
    {
        var (client, id, content, blob) = await UploadAsync();
        var names = new[] { "s3-a", "s3-b" };
        var first = app.Factory.Services.GetRequiredService<BlobBackends>().ForReading(blob.StorageKey, names)[0].Name;
        var key = app.Prefix + (first == "s3-a" ? "a/" : "b/") + blob.StorageKey;
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = TestEnvironment.S3Bucket, Key = key, ContentBody = "not the object" });

        Assert.Equal(content, await client.GetByteArrayAsync($"/api/v1/space/files/{id}/content"));
        await app.Factory.Services.GetRequiredService<StorageMaintenance>().RunOnceAsync(default);

        Assert.Equal(blob.StoredHash, SHA256.HashData((await ObjectAsync(key))!));
        Assert.All(await _world.DbAsync(db => db.Set<BlobCopy>().Where(c => c.BlobId == blob.Id).ToListAsync()),
            c => Assert.Equal(CopyState.Ok, c.State));
    }

    [Fact]
    public async Task S3_Delete_ObjectsGoneFromBothProviders()
    {
        var (client, id, _, blob) = await UploadAsync();

        using var deleted = await client.DeleteAsync($"/api/v1/space/files/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await ObjectAsync(app.Prefix + "a/" + blob.StorageKey));
        Assert.Null(await ObjectAsync(app.Prefix + "b/" + blob.StorageKey));
    }

    public void Dispose() => _s3.Dispose();
}
