using System.Net;
using System.Text.RegularExpressions;

namespace Hub.IntegrationTests.Infrastructure;

/// <summary>
/// A minimal browser over in-memory test servers: one cookie jar, hosts routed to handlers, redirects followed
/// by hand (so every hop is real HTTP through the servers' pipelines), forms read from the returned HTML.
/// A redirect to a host it does not serve (a client's redirect URI) is returned, not followed.
/// </summary>
public sealed partial class TestBrowser(IReadOnlyDictionary<string, HttpMessageHandler> hosts) : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly Dictionary<string, HttpClient> _clients = [];

    public List<Uri> Visited { get; } = [];

    public async Task<(HttpResponseMessage Response, string Body)> GetAsync(Uri url) =>
        await FollowAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Submits the page's form with its hidden fields, the given fields, and the named submit button.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> SubmitFormAsync(Uri page, string html,
        IDictionary<string, string> fields, string? button = null)
    {
        var action = FormAction().Match(html).Groups["action"].Value;
        var values = Hidden().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }
        if (button is not null)
        {
            values[button] = "1";
        }
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(page, WebUtility.HtmlDecode(action)))
        {
            Content = new FormUrlEncodedContent(values),
        };
        return await FollowAsync(request);
    }

    private async Task<(HttpResponseMessage, string)> FollowAsync(HttpRequestMessage request)
    {
        for (var hop = 0; hop < 20; hop++)
        {
            var url = request.RequestUri!;
            Visited.Add(url);
            var cookieHeader = _cookies.GetCookieHeader(url);
            if (cookieHeader.Length > 0)
            {
                request.Headers.Add("Cookie", cookieHeader);
            }
            var response = await Client(url).SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var cookie in setCookies)
                {
                    _cookies.SetCookies(url, cookie);
                }
            }
            request.Dispose();
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location
                && hosts.ContainsKey(new Uri(url, location).Host))
            {
                request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, location));
                response.Dispose();
                continue;
            }
            return (response, await response.Content.ReadAsStringAsync());
        }
        throw new InvalidOperationException("Too many redirects: " + string.Join(" → ", Visited));
    }

    private HttpClient Client(Uri url)
    {
        if (!_clients.TryGetValue(url.Host, out var client))
        {
            client = new HttpClient(hosts[url.Host], disposeHandler: false) { BaseAddress = new Uri(url.GetLeftPart(UriPartial.Authority)) };
            _clients[url.Host] = client;
        }
        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    [GeneratedRegex("""<form[^>]*action="(?<action>[^"]*)""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex Hidden();
}
