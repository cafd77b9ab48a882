using System.Net.Http.Headers;
using System.Text;

namespace Hub.Testing;

/// <summary>A RabbitMQ virtual host of its own for one test class (created through the management API), deleted afterwards.</summary>
public sealed class TestVirtualHost : IAsyncDisposable
{
    private static readonly HttpClient Http = CreateClient();

    private TestVirtualHost(string name) => Name = name;

    public string Name { get; }

    public static async Task<TestVirtualHost> CreateAsync(string prefix = "hubtest")
    {
        var vhost = new TestVirtualHost(TestEnvironment.UniqueName(prefix));
        var escaped = Uri.EscapeDataString(vhost.Name);
        using (var create = await Http.PutAsync($"api/vhosts/{escaped}", Json("{}")))
        {
            create.EnsureSuccessStatusCode();
        }
        var user = Uri.EscapeDataString(TestEnvironment.RabbitUsername);
        using (var grant = await Http.PutAsync($"api/permissions/{escaped}/{user}",
                   Json("""{"configure":".*","write":".*","read":".*"}""")))
        {
            grant.EnsureSuccessStatusCode();
        }
        return vhost;
    }

    public async ValueTask DisposeAsync()
    {
        using var response = await Http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(Name)}");
    }

    /// <summary>Deletes a broker user (users are broker-wide, so tests that create them remove them).</summary>
    public static async Task DeleteUserAsync(string user)
    {
        using var response = await Http.DeleteAsync($"api/users/{Uri.EscapeDataString(user)}");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpClient CreateClient()
    {
        var client = new HttpClient
        {
            BaseAddress = new Uri($"http://{TestEnvironment.RabbitHost}:{TestEnvironment.RabbitManagementPort}/"),
        };
        var credentials = Convert.ToBase64String(
            Encoding.UTF8.GetBytes($"{TestEnvironment.RabbitUsername}:{TestEnvironment.RabbitPassword}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return client;
    }
}
