using Hub.Server.Audit;
using Hub.Server.Identity;
using Hub.Server.Identity.Protection;
using Hub.Server.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Hub.Bench.Lookup;

/// <summary>
/// The hub's own service registrations (AddHubPersistence, AddHubAudit, AddHubIdentity) in a host that is built but
/// never started: the lookup then runs through the same DbContext pool, data source, options and scoped services as
/// a request does, without HTTP, OIDC or the broker in the way.
/// </summary>
internal static class HubServices
{
    public static WebApplication Build(string connectionString, PersonalDataOptions keys)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = connectionString,
            ["PersonalData:BlindIndexKey"] = keys.BlindIndexKey,
            ["PersonalData:ActiveKeyId"] = keys.ActiveKeyId,
            // The hub logs EF Core at Warning (appsettings.json); anything chattier would be measured too.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            // The first migration of an empty database logs the missing history table as an error; failures still throw.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
        };
        foreach (var (id, key) in keys.EncryptionKeys)
        {
            settings[$"PersonalData:EncryptionKeys:{id}"] = key;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        // AddServiceDefaults registers the clock in the hub; its telemetry exporters are left out on purpose.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddHubPersistence();
        builder.AddHubAudit();
        builder.AddHubIdentity();
        return builder.Build();
    }
}
