namespace Hub.Server.Operators;

public static class OperatorExtensions
{
    public static void AddHubOperators(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<OperatorAccounts>();
        builder.Services.AddScoped<OperatorSessions>();
    }
}
