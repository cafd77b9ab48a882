using System.Globalization;
using Hub.Server.Audit;
using Hub.Server.Persistence;

namespace Hub.Server.Exchange.Sync;

/// <summary>
/// `Hub.Server dead-letters list [--limit N]` and `Hub.Server dead-letters replay [--max N]`: the operator command for
/// the inbound endpoint's dead letters (the same as <c>/api/v1/exchange/dead-letters</c>, for a shell on the hub's
/// host). Replay sends each message again through its platform's outbound exchange and removes it only after the broker
/// confirmed; it is audited like the API's.
/// </summary>
internal static class DeadLetterCommand
{
    private const string Usage = "usage: Hub.Server dead-letters list [--limit N] | dead-letters replay [--max N]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        int? Number(string name) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length
            && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000 ? n : null;
        bool Given(string name) => Array.IndexOf(args, "--" + name) >= 0;
        await using var scope = services.CreateAsyncScope();
        var letters = scope.ServiceProvider.GetRequiredService<DeadLetters>();
        try
        {
            switch (args)
            {
                case ["dead-letters", "list", ..] when !Given("limit") || Number("limit") is not null:
                    var list = await letters.ListAsync(Number("limit") ?? 100, default);
                    foreach (var letter in list)
                    {
                        await output.WriteLineAsync(string.Join('\t', letter.FaultedAt ?? "-", letter.SourcePlatform ?? "-",
                            letter.MessageType ?? "-", letter.MessageId ?? "-", letter.Reason));
                    }
                    await output.WriteLineAsync($"{list.Count} dead letter(s) in {DeadLetters.Queue}");
                    return 0;
                case ["dead-letters", "replay", ..] when !Given("max") || Number("max") is not null:
                    var (replayed, kept) = await letters.ReplayAsync(Number("max") ?? 100, default);
                    var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                    scope.ServiceProvider.GetRequiredService<AuditLog>().Record("cli", "exchange.dead-letters.replay", "queue", DeadLetters.Queue,
                        "replayed", purpose: $"replayed {replayed}, kept {kept}");
                    await db.SaveChangesAsync();
                    await output.WriteLineAsync($"replayed {replayed}, kept {kept} (unknown platform or unreadable)");
                    return 0;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException e)
        {
            await Console.Error.WriteLineAsync($"RabbitMQ is unreachable: {e.Message}");
            return 1;
        }
    }
}
