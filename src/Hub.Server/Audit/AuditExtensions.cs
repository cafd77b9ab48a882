namespace Hub.Server.Audit;

public static class AuditExtensions
{
    public static void AddHubAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLog>();
    }
}
