using Hub.IntegrationTests.Infrastructure;
using Hub.Testing;
using Xunit.Abstractions;

namespace Hub.IntegrationTests.Exchange.Faults;

/// <summary>
/// Issue 5's faults with everything real: seed-demo's people in a platform database, the Hub.Adapter library, RabbitMQ and
/// Hub.Server as its own process. A fault strikes while the hub is applying the initial sync; afterwards the hub must hold
/// exactly the source (count and digest), nothing twice, every batch applied and answered once, every answer written back.
/// </summary>
public sealed class HubCrashTests(ITestOutputHelper output)
{
    // A few tens of thousands: a sync of dozens of batches that takes seconds, so the kill lands in the middle of it.
    private const int People = 30_000;

    [Fact]
    public async Task Sync_HubKilledMidSyncAndRestarted_FinalStateEqualsTheSource()
    {
        await using var vhost = await TestVirtualHost.CreateAsync("hubfault");
        await using var scenario = await SyncUnderFault.PrepareAsync(new Broker(TestEnvironment.RabbitHost, TestEnvironment.RabbitPort,
            TestEnvironment.RabbitManagementPort, vhost.Name, TestEnvironment.RabbitUsername, TestEnvironment.RabbitPassword), People, output);
        var hub = await scenario.StartHubAsync();
        await scenario.StartAdapterAsync();

        await scenario.WaitForHubLinksAsync(1, TimeSpan.FromMinutes(2));
        var inFlight = await scenario.InFlightAsync();
        // SIGKILL while batches are being applied: transactions in flight are abandoned, deliveries unacknowledged,
        // answers committed but not yet relayed stay in the outbox.
        await hub.KillAsync();
        scenario.Log("just before the kill: " + inFlight);
        var atKill = await scenario.HubLinksAsync();
        scenario.Log($"hub killed with {atKill} of {People} people applied");
        Assert.InRange(atKill, 1, People - 1);
        // Newer versions of people whose first version is applied or still queued, sent while no hub runs.
        await scenario.ChangeSomePeopleAsync();
        await scenario.StartHubAsync();
        await scenario.WaitForSyncAsync(TimeSpan.FromMinutes(3));

        await scenario.AssertSourceEqualsHubAsync();
    }
}

/// <summary>The same with RabbitMQ crashing instead: a node of the test's own is killed and booted again mid-sync.</summary>
public sealed class BrokerCrashTests(ITestOutputHelper output)
{
    private const int People = 30_000;

    [Fact]
    public async Task Sync_BrokerKilledMidSyncAndRestarted_FinalStateEqualsTheSource()
    {
        // Not the shared test node: other classes use it in parallel.
        await using var rabbit = await PrivateRabbitMq.StartAsync();
        await using var scenario = await SyncUnderFault.PrepareAsync(new Broker(PrivateRabbitMq.Host, rabbit.AmqpPort, rabbit.ManagementPort, "/",
            PrivateRabbitMq.Username, rabbit.Password), People, output);
        await scenario.StartHubAsync();
        await scenario.StartAdapterAsync();

        await scenario.WaitForHubLinksAsync(1, TimeSpan.FromMinutes(2));
        var inFlight = await scenario.InFlightAsync();
        await rabbit.KillAsync();
        scenario.Log("just before the kill: " + inFlight);
        var atKill = await scenario.HubLinksAsync();
        scenario.Log($"broker killed with {atKill} of {People} people applied");
        Assert.InRange(atKill, 1, People - 1);
        // Changes the adapter reads while the broker is away: its sends fail and must be retried once it is back.
        await scenario.ChangeSomePeopleAsync();
        await scenario.WaitForFailedSendsAsync(TimeSpan.FromMinutes(1));
        await rabbit.BootAsync();
        scenario.Log("broker up again");
        await scenario.WaitForSyncAsync(TimeSpan.FromMinutes(3));

        await scenario.AssertSourceEqualsHubAsync();
    }
}
