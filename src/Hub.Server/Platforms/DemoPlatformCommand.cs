using System.Globalization;
using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Hub.Server.Platforms;

/// <summary>
/// `Hub.Server platforms seed-demo --name N --region CODE --scope province|city|county`: takes a demo platform through the
/// real access workflow (submitted, under review, approved with a client secret and a broker user, connected) and prints
/// its credentials as KEY=value lines for the demo adapters of `./hub.sh up`. Development and Testing only.
/// </summary>
public static class DemoPlatformCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            await Console.Error.WriteLineAsync("platforms seed-demo runs only in Development or Testing");
            return 2;
        }
        string Arg(string name, string fallback) =>
            Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var name = Arg("name", "演示平台");
        var region = Arg("region", "440300");
        var scope = Enum.Parse<ServiceScope>(Arg("scope", "city"), ignoreCase: true);
        await using var scopeServices = app.Services.CreateAsyncScope();
        var (publicId, credentials, error) = await ConnectAsync(scopeServices.ServiceProvider, name, region, scope);
        if (credentials is null)
        {
            await Console.Error.WriteLineAsync($"approval failed: {error}");
            return 1;
        }
        var rabbit = credentials.RabbitMq;
        foreach (var (key, value) in new (string, object?)[]
        {
            ("PLATFORM_ID", publicId), ("CLIENT_ID", credentials.ClientId), ("CLIENT_SECRET", credentials.ClientSecret),
            ("BROKER_HOST", rabbit.Host), ("BROKER_PORT", rabbit.Port), ("BROKER_VHOST", rabbit.VirtualHost),
            ("BROKER_USER", rabbit.Username), ("BROKER_PASSWORD", rabbit.Password), ("REGION", region),
        })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
        }
        return 0;
    }

    /// <summary>
    /// A platform taken through the real access workflow (onboarding, review, approval with OIDC client and broker user,
    /// connected): its public id and credentials, or the reason approval failed. Also used by the benchmarks.
    /// </summary>
    public static async Task<(string PublicId, PlatformCredentials? Credentials, string? Error)> ConnectAsync(IServiceProvider services, string name,
        string region, ServiceScope scope)
    {
        var form = new PlatformForm(
            new Applicant("演示教育信息技术中心", "演示地址", "518000", new Contact("王五", "13800138000", "lead@example.cn"),
                new Contact("赵六", "0755-12345678", "contact@example.cn")),
            name, "https://demo.example.cn/", 120, 9000, 150000, 120000, scope, DevelopmentMode.Enterprise, null, "演示科技有限公司",
            3, 12, 350.5m, [DataCentreType.Hosted], 200m, 20, 120, new EgressBandwidth(1000, null, 500, null));
        var created = await services.GetRequiredService<PlatformOnboarding>().StartOnboardingAsync(form, region, "demo", Caller.System, default);
        var db = services.GetRequiredService<HubDbContext>();
        var access = await db.Set<PlatformAccess>().Include(a => a.History).FirstAsync(a => a.PublicId == created.Id);
        var review = services.GetRequiredService<PlatformReview>();
        await review.TakeUnderReviewAsync(access, Caller.System, default);
        var (outcome, credentials) = await review.ApproveAsync(access, Caller.System, default);
        if (credentials is null)
        {
            return (created.Id, null, outcome.Error?.MessageEn);
        }
        var platformCaller = Caller.From(new ClaimsPrincipal(new ClaimsIdentity([
            new Claim(OpenIddictConstants.Claims.ClientId, credentials.ClientId),
            new Claim(HubClaims.ClientKind, nameof(ClientKind.Platform)),
            new Claim(HubClaims.RegionCode, region)])));
        await services.GetRequiredService<PlatformOnboarding>().MarkConnectedAsync(platformCaller, default);
        return (created.Id, credentials, null);
    }
}
