using Hub.Adapter.Sources;

namespace Hub.Adapter.Tests.Support;

/// <summary>
/// Change reads stop below the oldest transaction running anywhere on the server (other test classes create databases
/// meanwhile), so a change becomes readable shortly after its commit: read until it is there.
/// </summary>
public static class Eventually
{
    public static async Task<ChangePage<T>> ReadAsync<T>(Func<Task<ChangePage<T>>> read, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await read();
            if (page.Items.Count >= count || DateTime.UtcNow > deadline)
            {
                return page;
            }
            await Task.Delay(50);
        }
    }
}
