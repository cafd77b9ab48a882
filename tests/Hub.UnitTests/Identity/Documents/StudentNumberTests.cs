using Hub.Server.Identity;
using Hub.Server.Identity.Documents;

namespace Hub.UnitTests.Identity.Documents;

public sealed class StudentNumberTests
{
    private static readonly DateOnly Today = IdNumberGenerator.Today;

    [Fact]
    public void Validate_GNumber_ExposesTheEmbeddedId()
    {
        var result = StudentNumber.Validate("g11010519491231002x", Today);

        Assert.True(result.IsValid);
        Assert.Equal("G11010519491231002X", result.Value.Value);
        Assert.Equal(StudentNumberKind.G, result.Value.Kind);
        Assert.Equal("110105", result.Value.RegionCode);
        Assert.Equal(new DateOnly(1949, 12, 31), result.Value.BirthDate);
        Assert.Equal("11010519491231002X", result.Value.EmbeddedIdNumber);
        Assert.Equal(Gender.Female, result.Value.Gender);
    }

    [Fact]
    public void Validate_JNumber_IsValidWithIdStyleBody()
    {
        var body = ResidentIdNumber.Compose("440305", new DateOnly(2016, 3, 8), 901);
        var result = StudentNumber.Validate("Ｊ" + body, Today);

        Assert.True(result.IsValid);
        Assert.Equal(StudentNumberKind.J, result.Value.Kind);
        Assert.Equal("440305", result.Value.RegionCode);
        Assert.Equal(new DateOnly(2016, 3, 8), result.Value.BirthDate);
        Assert.Equal(body, result.Value.EmbeddedIdNumber);
        Assert.Equal(Gender.Male, result.Value.Gender);
    }

    [Fact]
    public void Validate_LNumber_ExposesRegionAndBirthDate()
    {
        var result = StudentNumber.Validate("L110105201509010001", Today);

        Assert.True(result.IsValid);
        Assert.Equal(StudentNumberKind.L, result.Value.Kind);
        Assert.Equal("110105", result.Value.RegionCode);
        Assert.Equal(new DateOnly(2015, 9, 1), result.Value.BirthDate);
        Assert.Null(result.Value.EmbeddedIdNumber);
        Assert.Equal(Gender.Unknown, result.Value.Gender);
        Assert.Equal('L', (char)result.Value.Kind);
    }

    [Theory]
    [InlineData("G11010519491231002")]
    [InlineData("G11010519491231002X1")]
    [InlineData("11010519491231002X")]
    [InlineData("X11010519491231002X")]
    [InlineData("G1101051949123100AX")]
    [InlineData("J110105194912310X2X")]
    [InlineData("L11010520150901000X")]
    [InlineData("L1101052015090100 1")]
    [InlineData("GG1010519491231002X")]
    public void Validate_WrongShape_IsFormatError(string raw) =>
        Assert.Equal([IdentityErrors.StudentNumberFormat], StudentNumber.Validate(raw, Today).Errors);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \u3000")]
    public void Validate_Blank_IsRequired(string? raw) =>
        Assert.Equal([IdentityErrors.StudentNumberRequired], StudentNumber.Validate(raw, Today).Errors);

    [Theory]
    [InlineData("G110105194912310021")]
    [InlineData("J110105194912310021")]
    public void Validate_EmbeddedChecksumWrong_ReportsEmbeddedIdAndCause(string raw) =>
        Assert.Equal([IdentityErrors.StudentNumberEmbeddedIdInvalid, IdentityErrors.ChecksumMismatch], StudentNumber.Validate(raw, Today).Errors);

    [Fact]
    public void Validate_JNumberWithUnknownRegion_ReportsEmbeddedIdAndCause()
    {
        var body = ResidentIdNumber.Compose("999999", new DateOnly(2016, 3, 8), 1);
        Assert.Equal([IdentityErrors.StudentNumberEmbeddedIdInvalid, IdentityErrors.RegionUnknown], StudentNumber.Validate("J" + body, Today).Errors);
    }

    [Theory]
    [InlineData("L110105201502300001", "HUB-ID-0005")]
    [InlineData("L110105203001010001", "HUB-ID-0005")]
    [InlineData("L999999201509010001", "HUB-ID-0006")]
    public void Validate_LNumberWithBadPart_ReportsIt(string raw, string code) =>
        Assert.Equal([code], StudentNumber.Validate(raw, Today).Errors.Select(e => e.Code));

    [Fact]
    public void Validate_GeneratedGNumbers_AllPassAndMutationsFail()
    {
        var generator = new IdNumberGenerator(19);
        for (var i = 0; i < 2000; i++)
        {
            var id = generator.NextIdNumber();
            var result = StudentNumber.Validate("G" + id, Today);
            Assert.True(result.IsValid, id);
            Assert.Equal(id, result.Value.EmbeddedIdNumber);

            var position = generator.Next(17);
            var digit = (char)('0' + ((id[position] - '0' + 1 + generator.Next(9)) % 10));
            var mutated = "G" + id[..position] + digit + id[(position + 1)..];
            var errors = StudentNumber.Validate(mutated, Today).Errors;
            Assert.Equal(IdentityErrors.StudentNumberEmbeddedIdInvalid, errors[0]);
            Assert.Contains(IdentityErrors.ChecksumMismatch, errors);
        }
    }

    [Fact]
    public void ToString_Always_MasksTheNumber() =>
        Assert.Equal("G11************002X", StudentNumber.Validate("G11010519491231002X", Today).Value!.ToString());
}
