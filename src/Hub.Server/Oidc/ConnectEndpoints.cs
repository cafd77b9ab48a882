namespace Hub.Server.Oidc;

public static class ConnectEndpoints
{
    public static void MapConnectEndpoints(this WebApplication app)
    {
        var connect = app.MapGroup("/connect").ExcludeFromDescription();
        connect.MapPost("/token", TokenEndpoint.ExchangeAsync).DisableAntiforgery();
    }
}
