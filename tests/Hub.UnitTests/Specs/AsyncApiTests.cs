using Hub.Testing;

namespace Hub.UnitTests.Specs;

public sealed class AsyncApiTests
{
    private static string Committed => Path.Combine(RepositoryRoot.Path, "specs", "exchange", "asyncapi.json");

    [Fact]
    public void AsyncApi_CommittedDocument_MatchesTheContracts()
    {
        var generated = AsyncApiDocument.Build();
        if (Environment.GetEnvironmentVariable("HUB_UPDATE_SPECS") == "1")
        {
            File.WriteAllText(Committed, generated);
        }

        Assert.True(File.Exists(Committed) && File.ReadAllText(Committed) == generated,
            "specs/exchange/asyncapi.json differs from Hub.Contracts; regenerate with `HUB_UPDATE_SPECS=1 dotnet test tests/Hub.UnitTests --filter AsyncApi` and review the diff.");
    }

    [Fact]
    public void AsyncApi_EveryMessageContract_TravelsOnExactlyOneChannel()
    {
        var placed = AsyncApiDocument.PlatformToHub.Concat(AsyncApiDocument.HubToPlatform).Concat(AsyncApiDocument.HubEvents).ToList();
        var messages = AsyncApiDocument.Messages.Select(t => t.Name).ToList();

        Assert.Equal(placed.Count, placed.Distinct().Count());
        Assert.Equal(messages.Order(StringComparer.Ordinal), placed.Order(StringComparer.Ordinal));
    }
}
