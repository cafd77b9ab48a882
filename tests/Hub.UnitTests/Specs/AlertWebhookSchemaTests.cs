using System.Text.Json.Nodes;
using Hub.Contracts.V1;
using Hub.Testing;

namespace Hub.UnitTests.Specs;

/// <summary>
/// The alert webhook's body (specs/exchange/schemas/alert-webhook.schema.json, its example in operations.md validated by
/// tests/checks/specs.sh) carries the contracts AlertRaised and AlertResolved as they are: its definitions of them are the
/// AsyncAPI document's, generated from Hub.Contracts, and its types are the contracts' names (AlertWebhookSender sends
/// typeof(T).Name).
/// </summary>
public sealed class AlertWebhookSchemaTests
{
    private static readonly string[] Contracts = [nameof(AlertRaised), nameof(AlertResolved)];

    [Fact]
    public void WebhookSchema_ComparedWithAsyncApi_DefinesTheAlertContractsAlike()
    {
        var webhook = JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("specs", "exchange", "schemas", "alert-webhook.schema.json")))!;
        var generated = JsonNode.Parse(AsyncApiDocument.Build())!["components"]!["schemas"]!;

        foreach (var contract in Contracts)
        {
            Assert.True(JsonNode.DeepEquals(generated[contract], webhook["$defs"]?[contract]),
                $"specs/exchange/schemas/alert-webhook.schema.json $defs/{contract} differs from components/schemas/{contract} of the AsyncAPI "
                + "document; copy it from specs/exchange/asyncapi.json (after HUB_UPDATE_SPECS=1 dotnet test tests/Hub.UnitTests --filter AsyncApi).");
        }
        Assert.Equal(Contracts, webhook["properties"]!["type"]!["enum"]!.AsArray().Select(t => t!.GetValue<string>()));
    }
}
