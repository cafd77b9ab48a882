using Hub.Adapter;
using Hub.Adapter.Host;
using Hub.ServiceDefaults;

var builder = Host.CreateApplicationBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddHubAdapter(builder.Configuration);
builder.Services.AddHostedService<ConnectivityMonitor>();

await builder.Build().RunAsync();
