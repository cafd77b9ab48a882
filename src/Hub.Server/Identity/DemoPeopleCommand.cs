using Hub.Server.Api;
using Hub.Server.Identity.Documents;
using Hub.Server.Identity.Registry;
using Hub.Server.Identity.SignIn;
using Hub.Server.Oidc;
using System.Security.Claims;
using OpenIddict.Abstractions;

namespace Hub.Server.Identity;

/// <summary>
/// `Hub.Server people seed-demo --platform ID --region CODE --count N --password P`: registers N generated
/// people through the real registry (validation, blind index, encryption) under a platform's links, gives each
/// a password, and prints "hubId idNumber" lines. For `./hub.sh up` and the conformance checks; refuses to run
/// outside Development and Testing so that it never touches real data.
/// </summary>
internal static class DemoPeopleCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            await Console.Error.WriteLineAsync("people seed-demo runs only in Development or Testing");
            return 2;
        }
        string Arg(string name, string fallback) =>
            Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var platform = Arg("platform", "demo-platform");
        var region = Arg("region", "440305");
        var count = int.Parse(Arg("count", "10"), System.Globalization.CultureInfo.InvariantCulture);
        var password = Arg("password", "Demo-2026-pass");
        var seed = int.Parse(Arg("seed", "2026"), System.Globalization.CultureInfo.InvariantCulture);

        var random = new Random(seed);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([
            new Claim(OpenIddictConstants.Claims.ClientId, platform),
            new Claim(HubClaims.ClientKind, nameof(ClientKind.Platform)),
            new Claim(HubClaims.RegionCode, region)]));
        var caller = Caller.From(principal);
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "欧阳", "司马"];
        string[] given = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超", "秀英", "晓东"];
        for (var n = 0; n < count; n++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var birth = new DateOnly(1975, 1, 1).AddDays(random.Next(0, 365 * 40));
            var idNumber = ResidentIdNumber.Compose(region, birth, random.Next(0, 1000));
            var request = new RegisterPersonRequest($"demo-{n:D6}", surnames[random.Next(surnames.Length)] + given[random.Next(given.Length)],
                new DocumentInput(DocumentType.ResidentIdCard, idNumber), null, [random.Next(0, 3)], region, null, null);
            var (valid, errors) = services.GetRequiredService<RegistrationValidator>().Validate(request, caller);
            if (valid is null)
            {
                await Console.Error.WriteLineAsync($"skipped {n}: {string.Join(", ", errors.Select(e => e.Field + " " + e.Code))}");
                continue;
            }
            var outcome = await services.GetRequiredService<PersonRegistry>().RegisterAsync(valid, caller, default);
            if (outcome.Person is { } person)
            {
                await services.GetRequiredService<CredentialService>().SetPasswordAsync(person.Id, password, default);
                Console.WriteLine($"{person.HubId} {idNumber}");
            }
        }
        return 0;
    }
}
