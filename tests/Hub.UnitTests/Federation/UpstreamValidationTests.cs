using Hub.Server.Federation;

namespace Hub.UnitTests.Federation;

public sealed class UpstreamValidationTests
{
    private static UpstreamProviderRequest Request(string issuer) =>
        new(issuer, "hub-client", "a-secret-of-enough-length", new DisplayNameInput("深圳市教育平台", "Shenzhen Education Platform"));

    [Theory]
    [InlineData("https://idp.example.cn/", true)]
    [InlineData("https://idp.example.cn/tenant/gd", true)]
    [InlineData("http://idp.example.cn/", false)]
    [InlineData("https://idp.example.cn/?tenant=1", false)]
    [InlineData("https://idp.example.cn/#top", false)]
    [InlineData("https://user:pw@idp.example.cn/", false)]
    [InlineData("idp.example.cn", false)]
    [InlineData("/relative", false)]
    public void Issuer_OutsideTestHubs_OnlyAbsoluteHttpsWithoutQueryOrFragment(string issuer, bool valid)
    {
        var (value, errors) = UpstreamValidation.Validate(Request(issuer), allowHttp: false);

        Assert.Equal(valid, value is not null);
        Assert.Equal(valid ? [] : ["issuer"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Issuer_HttpOnTestHub_Accepted()
    {
        var (value, _) = UpstreamValidation.Validate(Request("http://upstream.test/"), allowHttp: true);

        Assert.Equal("http://upstream.test/", value?.Issuer.OriginalString);
    }

    [Fact]
    public void Issuer_LongerThanLimit_Refused()
    {
        var (_, errors) = UpstreamValidation.Validate(Request("https://idp.example.cn/" + new string('a', 480)), allowHttp: false);

        Assert.Equal("HUB-FED-0001", Assert.Single(errors).Code);
    }

    [Theory]
    [InlineData("短", true)]
    [InlineData("平台\u0007", false)]
    public void DisplayName_ControlCharacters_Refused(string zh, bool valid)
    {
        var request = Request("https://idp.example.cn/") with { DisplayName = new DisplayNameInput(zh, "Platform") };

        var (value, _) = UpstreamValidation.Validate(request, allowHttp: false);

        Assert.Equal(valid, value is not null);
    }

    [Fact]
    public void DisplayName_FiftyChineseCharacters_AcceptedAndFiftyOneRefused()
    {
        var ok = Request("https://idp.example.cn/") with { DisplayName = new DisplayNameInput(new string('平', 50), "P") };
        var tooLong = Request("https://idp.example.cn/") with { DisplayName = new DisplayNameInput(new string('平', 51), "P") };

        Assert.NotNull(UpstreamValidation.Validate(ok, allowHttp: false).Value);
        Assert.Equal("displayName.zh", Assert.Single(UpstreamValidation.Validate(tooLong, allowHttp: false).Errors).Field);
    }

    [Theory]
    [InlineData("upstream:gd-province", "gd-province")]
    [InlineData("upstream:", null)]
    [InlineData("gd-province", null)]
    [InlineData(null, null)]
    public void RegistrationId_PlatformOf_OnlyUpstreamRegistrations(string? registrationId, string? platformId)
    {
        Assert.Equal(platformId, FederationAddress.PlatformOf(registrationId));
    }

    [Fact]
    public void MetadataAddress_IssuerWithPath_AppendsWellKnownAfterThePath()
    {
        Assert.Equal("https://idp.example.cn/tenant/.well-known/openid-configuration",
            UpstreamDiscovery.MetadataAddress(new Uri("https://idp.example.cn/tenant")).AbsoluteUri);
    }
}
