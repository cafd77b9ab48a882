using System.Collections.Concurrent;
using Hub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace Hub.IntegrationTests.Federation;

/// <summary>
/// Two hubs in one test: the upstream (a platform's own OpenID provider, issuer http://upstream.test/, database of its
/// own) and the hub under test (issuer https://hub.test/). The hub reaches the upstream through its HttpClients, routed
/// in memory; the browser reaches the hub through a TLS-terminating hop, as behind the production load balancer.
/// </summary>
public sealed class FederationFixture : IAsyncLifetime
{
    public static readonly Uri UpstreamIssuer = new("http://upstream.test/");
    public static readonly Uri HubIssuer = new("https://hub.test/");

    /// <summary>Serves the upstream's discovery document, but under another name: its issuer differs from the URL asked.</summary>
    public const string AliasHost = "alias.test";

    public UpstreamHubApp Upstream { get; } = new();
    public FederatedHubApp Hub { get; }

    public FederationFixture() => Hub = new FederatedHubApp(Upstream);

    public async Task InitializeAsync()
    {
        await Upstream.InitializeAsync();
        await Hub.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    /// <summary>A browser that knows both hubs; other hosts (a vendor app's redirect URI) end the walk.</summary>
    public TestBrowser Browser() => new(new Dictionary<string, HttpMessageHandler>
    {
        [HubIssuer.Host] = new TlsTerminatingHop(Hub.Factory.Server.CreateHandler()),
        [UpstreamIssuer.Host] = Upstream.Factory.Server.CreateHandler(),
    });
}

public sealed class UpstreamHubApp : HubApp
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Oidc:Issuer", FederationFixture.UpstreamIssuer.ToString())];
}

/// <summary>The hub under test; every log message at every level is kept, to show the upstream's secret is never among them.</summary>
public sealed class FederatedHubApp(UpstreamHubApp upstream) : HubApp
{
    public ConcurrentQueue<string> Messages { get; } = new();

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("Oidc:Issuer", FederationFixture.HubIssuer.ToString()), .. CapturingLoggerProvider.TraceEverything];

    protected override void ConfigureWebHost(IWebHostBuilder web)
    {
        web.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.Services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Messages));
        });
        web.ConfigureTestServices(services =>
            services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(handlers =>
                handlers.AdditionalHandlers.Add(new HostRouting(new Dictionary<string, Func<HttpMessageHandler>>
                {
                    [FederationFixture.UpstreamIssuer.Host] = () => upstream.Factory.Server.CreateHandler(),
                    [FederationFixture.AliasHost] = () => upstream.Factory.Server.CreateHandler(),
                })))));
    }
}

/// <summary>
/// The innermost handler of every HttpClient of the hub under test: sends requests for known hosts to in-memory test
/// servers and fails the rest like an unreachable network (OpenIddict insists on its own primary handler, so the
/// routing cannot replace it, only stand in front of it).
/// </summary>
internal sealed class HostRouting(IReadOnlyDictionary<string, Func<HttpMessageHandler>> hosts) : DelegatingHandler
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HttpMessageInvoker> _invokers = new(StringComparer.Ordinal);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri!.Host;
        if (!hosts.TryGetValue(host, out var handler))
        {
            throw new HttpRequestException($"No route to {host} (test network).");
        }
        return _invokers.GetOrAdd(host, _ => new HttpMessageInvoker(handler())).SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var invoker in _invokers.Values)
            {
                invoker.Dispose();
            }
        }
        base.Dispose(disposing);
    }
}

/// <summary>The load balancer: the browser speaks https, the hub receives http for the same host.</summary>
internal sealed class TlsTerminatingHop(HttpMessageHandler hub) : DelegatingHandler(hub)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        request.RequestUri = new UriBuilder(original) { Scheme = Uri.UriSchemeHttp, Port = -1 }.Uri;
        var response = await base.SendAsync(request, cancellationToken);
        request.RequestUri = original;
        return response;
    }
}
