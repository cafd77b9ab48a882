using Hub.Adapter.Follow;
using Hub.Adapter.Health;
using Hub.Adapter.HubApi;
using Hub.Adapter.Pump;
using Hub.Adapter.Reconciliation;
using Hub.Adapter.Sources;
using Hub.Adapter.Store;
using Hub.Adapter.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Adapter;

/// <summary>Registers the adapter in a platform's service collection.</summary>
public static class HubAdapterServiceCollectionExtensions
{
    /// <summary>Health check tag of the adapter's readiness checks (store, source; MassTransit adds the broker's).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Adds the adapter: options from <paramref name="configuration"/> (sections under <see cref="HubAdapterOptions.SectionName"/>,
    /// validated at start), its store with outbox relay, the pump, heartbeats, reconciliation, the inbox consumers, the
    /// MassTransit bus to the hub's RabbitMQ under the platform's broker names, the feed follower when enabled,
    /// health checks and <see cref="IHubConnection"/>. A source and a sink are chosen on the returned builder.
    /// </summary>
    public static HubAdapterBuilder AddHubAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HubAdapterOptions>().Bind(configuration.GetSection(HubAdapterOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "HubAdapter:RequestTimeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<AdapterStoreOptions>().Bind(configuration.GetSection(AdapterStoreOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.IsValid, "HubAdapter:Store: PollInterval, RetryDelay and SendTimeout > 0, MaxRetryDelay ≥ RetryDelay, PublishedRetention ≥ 0.")
            .ValidateOnStart();
        services.AddOptions<PumpOptions>().Bind(configuration.GetSection(PumpOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.IsValid, "HubAdapter:Pump: PollInterval, ProgressInterval and HeartbeatInterval > 0, ReconcileInterval ≥ 0.")
            .ValidateOnStart();
        services.AddOptions<FollowOptions>().Bind(configuration.GetSection(FollowOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.IsValid, "HubAdapter:Follow: Interval and timeouts > 0, TotalTimeout ≥ AttemptTimeout, known Streams only.")
            .Validate<IOptions<HubAdapterOptions>>((o, hub) => !o.Enabled || hub.Value.HubUrl is not null
                    && (!string.IsNullOrEmpty(hub.Value.ClientSecret) || !string.IsNullOrEmpty(hub.Value.PrivateKey)),
                "HubAdapter:Follow:Enabled needs HubAdapter:HubUrl and HubAdapter:ClientSecret or HubAdapter:PrivateKey.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AdapterStore>();
        services.AddSingleton<MessageFactory>();
        services.AddSingleton<IOutboundTransport, MassTransitOutbound>();
        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddSingleton<SnapshotJobs>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<Inbox.InboxGate>();
        services.AddSingleton<SourceWake>();
        services.AddSingleton<ISourceChangeSignal>(sp => sp.GetRequiredService<SourceWake>());
        services.AddHostedService<SourcePump>();
        services.AddHostedService<HeartbeatService>();
        services.AddHostedService<ReconcileScheduler>();
        services.AddScoped<IHubConnection, HubConnection>();

        if (configuration.GetSection(FollowOptions.SectionName).GetValue<bool>(nameof(FollowOptions.Enabled)))
        {
            AddFollower(services);
        }
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("adapter-store", tags: [ReadyTag])
            .AddCheck<SourceHealthCheck>("adapter-source", tags: [ReadyTag]);
        AdapterBus.Add(services);
        return new HubAdapterBuilder(services, configuration);
    }

    private static void AddFollower(IServiceCollection services)
    {
        // One resilience pipeline per client, configured from the options; a host-wide default (AddServiceDefaults)
        // is removed first so that the two never stack (RemoveAllResilienceHandlers is marked experimental).
#pragma warning disable EXTEXP0001
        services.AddHttpClient(TokenProvider.HttpClientName).RemoveAllResilienceHandlers().AddResilienceHandler("hub-token", Resilience.Configure);
        services.AddHttpClient(HubApiClient.HttpClientName).RemoveAllResilienceHandlers().AddResilienceHandler("hub-api", Resilience.Configure);
#pragma warning restore EXTEXP0001
        services.AddSingleton<TokenProvider>();
        services.AddSingleton<HubApiClient>();
        services.AddSingleton<FeedFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedFollower>());
    }
}
