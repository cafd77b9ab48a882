using System.Net.Http.Headers;
using System.Text;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.IntegrationTests.Problems;

/// <summary>
/// Every mapped endpoint, every method, with garbage in the route, the query and the body, authenticated with
/// every scope and anonymously: never a 500, and nothing accepted that changes data.
/// </summary>
public sealed class MalformedInputTests(HubApp app) : IClassFixture<HubApp>
{
    private static readonly string[] RouteValues = ["x", "0", "-1", "P0000000000000000", "%F0%9F%92%A5", new string('9', 300), "..%2F..%2Fetc", "'; DROP TABLE people;--"];

    private static readonly (string ContentType, string Body)[] Bodies =
    [
        ("application/json", "{"),
        ("application/json", "[]"),
        ("application/json", "null"),
        ("application/json", "\"text\""),
        ("application/json", """{"localId": 5, "name": [], "document": "x", "roles": {"a": 1}, "regionCode": 440305}"""),
        ("application/json", """{"document": {"type": 99999999999, "number": null}, "birthDate": "1990-13-45", "gender": 7}"""),
        ("application/json", """{"localId": "a", "name": "\u0000\u202e", "roles": [-1, 9], "regionCode": "999999"}"""),
        ("application/json", "{\"name\": \"" + new string('张', 5000) + "\"}"),
        ("text/plain", "hello"),
        ("application/x-www-form-urlencoded", "a=b&&=&%ZZ"),
        ("application/json", ""),
    ];

    [Fact]
    public async Task AnyEndpoint_GarbageInput_NeverReturns500AndChangesNothing()
    {
        var (authorized, _) = await PlatformClients.CreateAsync(app, "440300", [.. HubScopes.Api]);
        // A person's own token (scope space) reaches the learning space's endpoints, which platforms cannot.
        var world = new Space.SpaceWorld(app);
        var person = await world.TokenAsync(await world.PersonAsync());
        var anonymous = app.CreateClient();
        var before = await CountRowsAsync();
        var failures = new List<string>();
        var sent = 0;

        foreach (var (method, template) in Endpoints())
        {
            foreach (var value in RouteValues)
            {
                var path = System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", value) + "?after=%%%&limit=-5&purpose=&x=" + value;
                foreach (var client in new[] { authorized, person, anonymous })
                {
                    foreach (var (contentType, body) in method is "GET" or "DELETE" ? [("application/json", "")] : Bodies)
                    {
                        using var request = new HttpRequestMessage(new HttpMethod(method), path);
                        if (body.Length > 0 || method is "POST" or "PUT")
                        {
                            request.Content = new StringContent(body, Encoding.UTF8);
                            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                        }
                        using var response = await client.SendAsync(request);
                        sent++;
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{method} {path} [{contentType}] {body[..Math.Min(40, body.Length)]} → {(int)response.StatusCode}");
                        }
                    }
                }
            }
        }

        Assert.True(Endpoints().Count() >= 20 && sent > 1000, $"only {sent} requests over {Endpoints().Count()} endpoints");
        Assert.Empty(failures);
        Assert.Equal(before, await CountRowsAsync());
    }

    private IEnumerable<(string Method, string Template)> Endpoints()
    {
        var sources = app.Factory.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            // Passthrough OIDC endpoints answer in OAuth's own error format, health and docs take no input.
            if (template.StartsWith("/health", StringComparison.Ordinal) || template.Contains("scalar", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                yield return (method, template);
            }
        }
    }

    private async Task<string> CountRowsAsync()
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM people) || '/' || (SELECT count(*) FROM person_links) || '/' || " +
            "(SELECT count(*) FROM identity_review_cases) || '/' || (SELECT count(*) FROM person_key_changes) || '/' || " +
            "(SELECT count(*) FROM person_credentials) || '/' || (SELECT count(*) FROM support_requests) || '/' || " +
            "(SELECT count(*) FROM support_teams) || '/' || (SELECT count(*) FROM support_devices) || '/' || (SELECT count(*) FROM support_comments) || '/' || " +
            "(SELECT count(*) FROM space_files) || '/' || (SELECT count(*) FROM space_blobs) || '/' || (SELECT count(*) FROM space_announcements) || '/' || " +
            "(SELECT count(*) FROM space_announcement_reads) || '/' || (SELECT count(*) FROM space_direct_messages) || '/' || " +
            "(SELECT count(*) FROM resources) || '/' || (SELECT count(*) FROM resource_pushes) || '/' || (SELECT count(*) FROM resource_space_states) || '/' || " +
            "(SELECT count(*) FROM resource_vendors) || '/' || (SELECT count(*) FROM resource_procurements) || '/' || (SELECT count(*) FROM resource_selections) || '/' || " +
            "(SELECT count(*) FROM usage_events) || '/' || (SELECT count(*) FROM usage_daily)", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
