namespace Hub.Server.Oidc;

/// <summary>
/// `Hub.Server clients add --id ID --kind platform|vendor|operator [--secret S] [--region CODE] [--level L]
/// [--scopes "a b"] [--client-credentials] [--redirect-uri URI]...`: registers a client from the command line
/// (hub.sh uses it for the demo platforms and benchmarks; onboarding through the API comes with the access spec).
/// Exits 0 when the client exists afterwards (an existing id is left as it is).
/// </summary>
internal static class ClientCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args is not ["clients", "add", .. var rest])
        {
            await Console.Error.WriteLineAsync("usage: Hub.Server clients add --id ID --kind platform|vendor|operator [options]");
            return 2;
        }
        var options = Parse(rest);
        if (!options.TryGetValue("id", out var ids) || !options.TryGetValue("kind", out var kinds)
            || !Enum.TryParse<ClientKind>(kinds[0], ignoreCase: true, out var kind))
        {
            await Console.Error.WriteLineAsync("--id and --kind (platform, vendor, operator) are required");
            return 2;
        }
        var region = options.TryGetValue("region", out var r) ? r[0] : null;
        var level = options.TryGetValue("level", out var l) && Enum.TryParse<JurisdictionLevel>(l[0], true, out var parsed)
            ? parsed : region is null ? JurisdictionLevel.National : JurisdictionLevel.Province;
        var registration = new ClientRegistration(
            ids[0], options.TryGetValue("name", out var n) ? n[0] : ids[0], kind, level, region,
            options.TryGetValue("scopes", out var s) ? s[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [],
            ClientSecret: options.TryGetValue("secret", out var secret) ? secret[0] : null,
            RedirectUris: options.TryGetValue("redirect-uri", out var uris) ? uris.Select(u => new Uri(u)).ToList() : null,
            AllowClientCredentials: options.ContainsKey("client-credentials"),
            AllowAuthorizationCode: options.ContainsKey("redirect-uri"),
            AllowTokenExchange: options.ContainsKey("token-exchange"));

        await using var scope = app.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ClientRegistry>();
        if (await clients.FindAsync(registration.ClientId) is not null)
        {
            Console.WriteLine($"client {registration.ClientId} already exists");
            return 0;
        }
        await clients.RegisterAsync(registration);
        Console.WriteLine($"client {registration.ClientId} registered");
        return 0;
    }

    private static Dictionary<string, List<string>> Parse(string[] args)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }
            var key = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "";
            if (!result.TryGetValue(key, out var list))
            {
                result[key] = list = [];
            }
            list.Add(value);
        }
        return result;
    }
}
