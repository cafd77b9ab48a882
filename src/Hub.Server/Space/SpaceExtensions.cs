using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Space.Assets;
using Hub.Server.Space.Export;
using Hub.Server.Space.Guardians;
using Hub.Server.Space.Messages;
using Hub.Server.Space.Storage;
using Microsoft.Extensions.Options;

namespace Hub.Server.Space;

public static class SpaceExtensions
{
    public static void AddHubSpace(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SpaceStorageOptions>().Bind(builder.Configuration.GetSection(SpaceStorageOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SpaceStorageOptions>, SpaceStorageOptionsValidator>();
        builder.Services.AddSingleton(services => BlobBackends.FromOptions(
            services.GetRequiredService<IOptions<SpaceStorageOptions>>(), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<BlobCipher>();
        builder.Services.AddSingleton<ReplicatedBlobStore>();
        builder.Services.AddSingleton<StorageSignal>();
        builder.Services.AddSingleton<StorageMaintenance>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StorageMaintenance>());
        builder.Services.AddScoped<SpaceKeys>();
        builder.Services.AddScoped<BlobJanitor>();
        builder.Services.AddScoped<BlobRepair>();
        builder.Services.AddSingleton<UploadValidator>();
        builder.Services.AddScoped<SpaceAssets>();

        builder.Services.AddScoped<SpacePeople>();
        builder.Services.AddScoped<AudienceResolver>();
        builder.Services.AddScoped<Inbox>();
        builder.Services.AddScoped<Contacts>();
        builder.Services.AddScoped<Announcements>();
        builder.Services.AddScoped<SpaceMessages>();
        builder.Services.AddScoped<GuardianAccess>();

        // The export, section by section, in this order; other features add their own (resource usage: AddHubUsage).
        builder.Services.AddScoped<SpaceExport>();
        builder.Services.AddScoped<AuditSections>();
        builder.Services.AddScoped<ISpaceExportSection, PersonRecordSection>();
        builder.Services.AddScoped<ISpaceExportSection, AffiliationSection>();
        builder.Services.AddScoped<ISpaceExportSection, GuardianSection>();
        builder.Services.AddScoped<ISpaceExportSection, ConsentSection>();
        builder.Services.AddScoped<ISpaceExportSection, SignInSection>();
        builder.Services.AddScoped<ISpaceExportSection, AccessLogSection>();
        builder.Services.AddScoped<ISpaceExportSection, MessageSection>();
        builder.Services.AddScoped<ISpaceExportSection, FileSection>();

        builder.Services.AddAuthorizationBuilder().AddScopePolicy(MessageEndpoints.AnnouncerPolicy, HubScopes.SpaceAnnounce, HubScopes.Space);
    }
}
