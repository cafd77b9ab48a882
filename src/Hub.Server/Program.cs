using Hub.Server.Api;
using Hub.Server.Apps;
using Hub.Server.Audit;
using Hub.Server.Exchange;
using Hub.Server.Exchange.Sync;
using Hub.Server.Federation;
using Hub.Server.Identity;
using Hub.Server.Identity.Registry;
using Hub.Server.Identity.SignIn;
using Hub.Server.Monitoring;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Hub.Server.Organizations;
using Hub.Server.Pilot;
using Hub.Server.Persistence;
using Hub.Server.Platforms;
using Hub.Server.Platforms.Conformance;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Hub.Server.Support;
using Hub.Server.Space;
using Hub.Server.Space.Pages;
using Hub.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddHubProblems();
builder.AddHubPersistence();
builder.AddHubAudit();
builder.AddHubExchange();
builder.AddHubOidc();
builder.AddHubIdentity();
builder.AddHubOrganizations();
builder.AddHubOperators();
builder.AddHubApps();
builder.AddHubPilot();
builder.AddHubPlatforms();
builder.AddHubFederation();
builder.AddHubSupport();
builder.AddHubSpace();
builder.AddHubMonitoring();
builder.AddHubApiDocs();

var app = builder.Build();

// Commands that run and exit: `migrate` (hub.sh up runs it before start), `clients add …`, `operators grant …`,
// `dead-letters list|replay`, `conformance URL`.
if (args is ["migrate", ..])
{
    await app.MigrateHubDatabaseAsync();
    return 0;
}
if (args is ["clients", ..])
{
    return await ClientCommand.RunAsync(app, args);
}
if (args is ["operators", ..])
{
    return await OperatorCommand.RunAsync(app, args);
}
if (args is ["conformance", ..])
{
    return await ConformanceCommand.RunAsync(app.Services, args, Console.Out);
}
if (args is ["dead-letters", ..])
{
    return await DeadLetterCommand.RunAsync(app.Services, args, Console.Out);
}
if (args is ["platforms", "seed-demo", ..])
{
    return await DemoPlatformCommand.RunAsync(app, args);
}
if (args is ["people", "seed-demo", ..])
{
    return await DemoPeopleCommand.RunAsync(app, args);
}

app.UseHubProblems();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapHubApiDocs();
app.MapSystemEndpoints();
app.MapConnectEndpoints();
app.MapPeopleEndpoints();
app.MapPeopleKeyEndpoints();
app.MapPeopleFactEndpoints();
app.MapAccountEndpoints();
app.MapRegionEndpoints();
app.MapOrganizationEndpoints();
app.MapOperatorEndpoints();
app.MapConsoleHome();
app.MapOrganizationPages();
app.MapHubAppEndpoints();
app.MapPilotEndpoints();
app.MapPilotPages();
app.MapPlatformEndpoints();
app.MapPlatformConsole();
app.MapFederationEndpoints();
app.MapChangeFeedEndpoints();
app.MapExchangeEndpoints();
app.MapSupportEndpoints();
app.MapSupportAdminEndpoints();
app.MapSupportPages();
app.MapSpaceEndpoints();
app.MapSpacePages();
app.MapMonitoring();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so that integration tests can host it.</summary>
public partial class Program;
