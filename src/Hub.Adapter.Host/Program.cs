using Hub.Adapter;
using Hub.Adapter.Host;
using Hub.Adapter.Host.Demo;
using Hub.ServiceDefaults;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

if (args.Length > 0 && args[0] == "seed-demo")
{
    return await SeedDemoCommand.RunAsync(args[1..], Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
var adapter = builder.Services.AddHubAdapter(builder.Configuration);
switch (builder.Configuration["HubAdapter:Source:Kind"] ?? "postgres")
{
    case "postgres":
        adapter.UsePostgresPlatform();
        break;
    case "files":
        adapter.UseFileDrop();
        break;
    case var other:
        Console.Error.WriteLine($"HubAdapter:Source:Kind '{other}' is not 'postgres' or 'files'.");
        return 2;
}
builder.Services.AddHostedService<ConnectivityMonitor>();

var app = builder.Build();
app.MapDefaultEndpoints();
// One address for probes that want everything: alive and ready (store, broker, source).
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => true });
// Who this adapter is, for the hub's conformance kit (./hub.sh conformance URL); no secrets.
app.MapGet(AdapterDescriptor.Path, (IServiceProvider services) => AdapterDescriptor.Create(services));
await app.RunAsync();
return 0;
