namespace Hub.Server.Federation;

public static class FederationExtensions
{
    public static void AddHubFederation(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UpstreamProviders>();
        builder.Services.AddSingleton<UpstreamDiscovery>();
        builder.Services.AddSingleton<FederationAddress>();
        // The standard resilience handler (service defaults) would retry an unreachable upstream for ~15 s while the
        // platform waits on its PUT; one attempt and a clear problem serve it better. (Experimental since .NET 8; a
        // removal would fail the build, not change behaviour silently.)
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(UpstreamDiscovery.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromSeconds(10);
            http.MaxResponseContentBufferSize = 1024 * 1024;
        }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    public static void MapFederationEndpoints(this WebApplication app)
    {
        app.MapUpstreamEndpoints();
    }
}
