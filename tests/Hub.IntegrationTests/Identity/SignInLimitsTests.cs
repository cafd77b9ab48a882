using System.Net;
using Hub.IntegrationTests.Infrastructure;

namespace Hub.IntegrationTests.Identity;

/// <summary>A hub allowing three sign-in attempts per address and minute.</summary>
public sealed class StrictSignInHubApp : HubApp
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("SignIn:AttemptsPerMinutePerAddress", "3")];
}

public sealed class SignInLimitsTests(StrictSignInHubApp app) : IClassFixture<StrictSignInHubApp>
{
    [Fact]
    public async Task Login_MoreAttemptsThanAllowedFromOneAddress_Returns429()
    {
        using var browser = new TestBrowser(new Dictionary<string, HttpMessageHandler> { ["localhost"] = app.Factory.Server.CreateHandler() });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var (page, html) = await browser.GetAsync(new Uri("http://localhost/account/login"));
            var (response, _) = await browser.SubmitFormAsync(page.RequestMessage!.RequestUri!, html,
                new Dictionary<string, string> { ["identifier"] = "P0000000000000000", ["password"] = "not-it-" + i });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
