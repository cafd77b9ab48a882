using Hub.Server.Api;
using Hub.Server.Identity.SignIn;

namespace Hub.Server.Operators;

/// <summary>
/// `Hub.Server operators grant --identifier HUBID|IDNUMBER [--region CODE] --permissions "a b"`: makes a person an
/// admin from the command line. This is how the first (national) admin exists; every later one is granted in the
/// console or through /api/v1/operators by someone who holds the permissions.
/// </summary>
internal static class OperatorCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        if (args is not ["operators", "grant", ..] || Arg("identifier") is not { } identifier || Arg("permissions") is not { } permissions)
        {
            await Console.Error.WriteLineAsync("usage: Hub.Server operators grant --identifier HUBID|IDNUMBER [--region CODE | --school CODE] --permissions \"a b\"");
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var person = await services.GetRequiredService<CredentialService>().FindAsync(identifier, default);
        var (view, errors) = await services.GetRequiredService<OperatorAccounts>().GrantAsync(
            new GrantOperatorRequest(person?.HubId, Arg("region"), permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries), Arg("school")),
            Caller.System, system: true, default);
        if (view is null)
        {
            await Console.Error.WriteLineAsync(string.Join("\n", errors.Select(e => $"{e.Field}: {e.MessageEn}")));
            return 1;
        }
        Console.WriteLine($"operator {view.HubId} region {view.RegionCode ?? "national"}: {string.Join(' ', view.Permissions)}");
        return 0;
    }
}
