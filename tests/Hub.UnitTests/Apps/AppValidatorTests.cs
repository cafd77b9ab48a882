using Hub.Server.Apps;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Hub.UnitTests.Apps;

public sealed class AppValidatorTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Hub.Server";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static AppRequest Request(params string[] redirectUris) => new("智慧作业", null, "作业测评", redirectUris, [], ["openid"],
        new AppContact("王工", "dev@vendor.example", null));

    [Theory]
    [InlineData("Production", "http://app.example/cb", false)]
    [InlineData("Production", "https://app.example/cb", true)]
    [InlineData("Production", "https://app.example/cb?tenant=1", true)]
    [InlineData("Production", "https://user:pw@app.example/cb", false)]
    [InlineData("Production", "https://app.example/cb#", false)]
    [InlineData("Production", "https://app.example/c b", false)]
    [InlineData("Production", "com.vendor.app:/cb", false)]
    [InlineData("Development", "http://localhost:5000/cb", true)]
    [InlineData("Testing", "http://client.test/cb", true)]
    public void IsAcceptableRedirectUri_ByEnvironment_OnlyHttpsOutsideDevelopmentAndTesting(string environment, string uri, bool acceptable)
    {
        var validator = new AppValidator(new Environment(environment));

        Assert.Equal(acceptable, validator.IsAcceptableRedirectUri(uri));
    }

    [Fact]
    public void Validate_ScopesInAnyOrderWithDuplicates_NormalizedToTheIdentityScopeOrder()
    {
        var validator = new AppValidator(new Environment("Production"));
        var request = Request("https://app.example/cb") with { Scopes = ["region", "openid", "profile", "region"] };

        var (valid, errors) = validator.Validate(request);

        Assert.Empty(errors);
        Assert.Equal(["openid", "profile", "region"], valid!.Scopes);
    }

    [Fact]
    public void Validate_RedirectUriKeptExactlyAsGiven()
    {
        var validator = new AppValidator(new Environment("Production"));

        var (valid, _) = validator.Validate(Request("https://APP.example:443/cb/"));

        Assert.Equal(["https://APP.example:443/cb/"], valid!.RedirectUris);
    }

    [Fact]
    public void Validate_DuplicateRedirectUris_NamesTheList()
    {
        var validator = new AppValidator(new Environment("Production"));

        var (valid, errors) = validator.Validate(Request("https://app.example/cb", "https://app.example/cb"));

        Assert.Null(valid);
        Assert.Equal("redirectUris", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("digital-library", AppCategory.DigitalLibrary)]
    [InlineData(" 数字图书馆 ", AppCategory.DigitalLibrary)]
    [InlineData("LANGUAGE-LEARNING", AppCategory.LanguageLearning)]
    [InlineData("备课授课", AppCategory.LessonPreparation)]
    public void ParseCategory_CodeOrChineseLabel_Recognized(string value, AppCategory expected) =>
        Assert.Equal(expected, AppCategories.Parse(value));

    [Fact]
    public void Categories_EightWithDistinctCodesAndLabels()
    {
        Assert.Equal(8, AppCategories.All.Count);
        Assert.Equal(8, AppCategories.All.Select(AppCategories.Code).Distinct().Count());
        Assert.Equal(8, AppCategories.All.Select(AppCategories.Label).Distinct().Count());
    }
}
