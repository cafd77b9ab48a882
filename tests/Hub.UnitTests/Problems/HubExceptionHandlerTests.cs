using System.Text.Json;
using Hub.Server.Problems;
using Microsoft.AspNetCore.Http;

namespace Hub.UnitTests.Problems;

public sealed class HubExceptionHandlerTests
{
    [Fact]
    public void Classify_JsonErrorInNestedField_NamesTheField()
    {
        var json = new JsonException("bad", "$.document.number", 1, 12);
        var bad = new BadHttpRequestException("Failed to read parameter", 400, json);

        var (error, errors) = HubExceptionHandler.Classify(bad);

        Assert.Equal(GeneralErrors.MalformedBody, error);
        Assert.Equal("document.number", Assert.Single(errors!).Field);
    }

    [Fact]
    public void Classify_RouteValueOfWrongType_NamesTheParameter()
    {
        var bad = new BadHttpRequestException("Failed to bind parameter \"Guid id\" from \"abc\".", 400);

        var (error, errors) = HubExceptionHandler.Classify(bad);

        Assert.Equal(GeneralErrors.ValidationFailed, error);
        Assert.Equal("id", Assert.Single(errors!).Field);
    }

    [Fact]
    public void Classify_UnsupportedMediaType_Maps415()
    {
        var (error, _) = HubExceptionHandler.Classify(new BadHttpRequestException("nope", 415));

        Assert.Equal(415, error.Status);
    }

    [Fact]
    public void Classify_AnyOtherException_IsUnexpectedWithoutDetails()
    {
        var (error, errors) = HubExceptionHandler.Classify(new InvalidOperationException("secret 110105199001011234"));

        Assert.Equal(GeneralErrors.Unexpected, error);
        Assert.Null(errors);
    }
}
