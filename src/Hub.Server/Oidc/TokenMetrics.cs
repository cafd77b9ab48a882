using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Hub.Server.Oidc;

/// <summary>
/// Token endpoint requests and failures per client, exported as hub.oidc.token.requests / .failures (tag <c>client</c>)
/// and kept per replica until the health sampler drains them into each platform's running totals. The middleware sits
/// in front of the fast path and OpenIddict alike, so both kinds of answers count.
/// </summary>
public sealed class TokenMetrics
{
    public const string MeterName = "Hub.Oidc";

    /// <summary>Clients named in failed requests are untrusted input: only names shaped like the hub's own ids become a tag.</summary>
    public const string OtherClient = "other";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _failures;
    private readonly ConcurrentDictionary<string, long[]> _tallies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Requests, long Failures)> _drained = new(StringComparer.Ordinal);

    public TokenMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("hub.oidc.token.requests", description: "Token endpoint requests per client");
        _failures = meter.CreateCounter<long>("hub.oidc.token.failures", description: "Token endpoint requests answered with an error");
    }

    public void Record(string client, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("client", client);
        _requests.Add(1, tag);
        var tally = _tallies.GetOrAdd(client, _ => new long[2]);
        Interlocked.Increment(ref tally[0]);
        if (failed)
        {
            _failures.Add(1, tag);
            Interlocked.Increment(ref tally[1]);
        }
    }

    /// <summary>Requests and failures per client since the last call.</summary>
    public IReadOnlyDictionary<string, (long Requests, long Failures)> Drain()
    {
        lock (_drained)
        {
            var result = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
            foreach (var (client, tally) in _tallies)
            {
                var now = (Interlocked.Read(ref tally[0]), Interlocked.Read(ref tally[1]));
                var before = _drained.GetValueOrDefault(client);
                _drained[client] = now;
                if (now.Item1 > before.Requests)
                {
                    result[client] = (now.Item1 - before.Requests, now.Item2 - before.Failures);
                }
            }
            return result;
        }
    }

    /// <summary>The client a token request names: Basic credentials, then the form's client_id (already read by the endpoint).</summary>
    internal static string ClientOf(HttpContext http)
    {
        string? client = null;
        if (http.Request.Headers.Authorization.ToString() is { Length: > 6 } header && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                client = Uri.UnescapeDataString(decoded.Split(':', 2)[0].Replace('+', ' '));
            }
            catch (FormatException)
            {
            }
        }
        if (client is null && http.Features.Get<IFormFeature>()?.Form is { } form)
        {
            client = form["client_id"].ToString();
        }
        return client is { Length: > 0 and <= 100 } && IsHubClientId(client) ? client : OtherClient;
    }

    private static bool IsHubClientId(string value) => value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    /// <summary>Counts every POST to the token endpoint by its answer: 200 is a token, anything else a failure.</summary>
    internal sealed class Middleware(RequestDelegate next, TokenMetrics metrics)
    {
        public async Task InvokeAsync(HttpContext http)
        {
            if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.Equals("/connect/token", StringComparison.OrdinalIgnoreCase))
            {
                await next(http);
                return;
            }
            try
            {
                await next(http);
            }
            finally
            {
                metrics.Record(ClientOf(http), http.Response.StatusCode != StatusCodes.Status200OK);
            }
        }
    }

    /// <summary>Outside the fast path (registered before it), so its answers are counted too.</summary>
    internal sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<Middleware>();
            next(app);
        };
    }
}
