using Hub.Server.Identity;
using Hub.Server.Identity.Documents;

namespace Hub.UnitTests.Identity.Documents;

public sealed class ResidentIdNumberTests
{
    private static readonly DateOnly Today = IdNumberGenerator.Today;

    [Fact]
    public void Validate_WellKnownSample_IsValidWithDerivedFields()
    {
        var result = ResidentIdNumber.Validate("11010519491231002X", Today);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal("11010519491231002X", result.Value.Value);
        Assert.Equal("110105", result.Value.RegionCode);
        Assert.Equal(new DateOnly(1949, 12, 31), result.Value.BirthDate);
        Assert.Equal(Gender.Female, result.Value.Gender);
    }

    [Theory]
    [InlineData("11010519491231002x")]
    [InlineData("  11010519491231002X\u3000")]
    [InlineData("１１０１０５１９４９１２３１００２Ｘ")]
    [InlineData("１１０１０５１９４９１２３１００２ｘ")]
    public void Validate_LowerCaseOrFullWidthOrPadded_NormalizesToCanonical(string raw)
    {
        var result = ResidentIdNumber.Validate(raw, Today);

        Assert.True(result.IsValid);
        Assert.Equal("11010519491231002X", result.Value.Value);
    }

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("11010519491231002")]
    [InlineData("11010519491231002X1")]
    [InlineData("1101051949123100XX")]
    [InlineData("11010519491231002A")]
    [InlineData("A1010519491231002X")]
    [InlineData("110105-9491231002X")]
    [InlineData("110105194912310 2X")]
    public void Validate_WrongShape_ReportsOnlyTheFormatError(string raw) =>
        Assert.Equal([IdentityErrors.ResidentIdFormat], ResidentIdNumber.Validate(raw, Today).Errors);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_Blank_ReportsRequired(string? raw) =>
        Assert.Equal([IdentityErrors.DocumentNumberRequired], ResidentIdNumber.Validate(raw, Today).Errors);

    [Theory]
    [InlineData("19990230")]
    [InlineData("19000229")]
    [InlineData("20230229")]
    [InlineData("19991301")]
    [InlineData("19990000")]
    [InlineData("18991231")]
    [InlineData("20250616")]
    [InlineData("20990101")]
    public void Validate_ImpossibleOrFutureBirthDate_IsRejected(string yyyyMMdd)
    {
        var first17 = "110105" + yyyyMMdd + "001";
        var number = first17 + ResidentIdNumber.ComputeCheckCharacter(first17);

        Assert.Equal([IdentityErrors.BirthDateImplausible], ResidentIdNumber.Validate(number, Today).Errors);
    }

    [Theory]
    [InlineData("19000101")]
    [InlineData("20000229")]
    [InlineData("20250615")]
    public void Validate_BoundaryBirthDate_IsAccepted(string yyyyMMdd)
    {
        var first17 = "110105" + yyyyMMdd + "001";
        Assert.True(ResidentIdNumber.Validate(first17 + ResidentIdNumber.ComputeCheckCharacter(first17), Today).IsValid);
    }

    [Fact]
    public void Validate_RetiredRegion_IsAccepted()
    {
        var number = ResidentIdNumber.Compose("110103", new DateOnly(1980, 5, 1), 13); // 崇文区, merged in 2010
        var result = ResidentIdNumber.Validate(number, Today);

        Assert.True(result.IsValid);
        Assert.Equal(Gender.Male, result.Value.Gender);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("110100")]
    [InlineData("000000")]
    public void Validate_UnknownRegion_IsRejected(string region)
    {
        var number = ResidentIdNumber.Compose(region, new DateOnly(1980, 5, 1), 13);
        Assert.Equal([IdentityErrors.RegionUnknown], ResidentIdNumber.Validate(number, Today).Errors);
    }

    [Fact]
    public void Validate_SeveralRulesBroken_ReportsEach()
    {
        var errors = ResidentIdNumber.Validate("99999920990101001" + "0", Today).Errors;
        var expected = ResidentIdNumber.ComputeCheckCharacter("99999920990101001") == '0'
            ? new[] { IdentityErrors.BirthDateImplausible, IdentityErrors.RegionUnknown }
            : [IdentityErrors.ChecksumMismatch, IdentityErrors.BirthDateImplausible, IdentityErrors.RegionUnknown];
        Assert.Equal(expected, errors);
    }

    [Fact]
    public void TryParse_ValidAndInvalid_ReturnsAccordingly()
    {
        Assert.True(ResidentIdNumber.TryParse("11010519491231002X", Today, out var parsed));
        Assert.Equal("11010519491231002X", parsed.Value);
        Assert.False(ResidentIdNumber.TryParse("110105194912310021", Today, out var rejected));
        Assert.Null(rejected);
    }

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("110105194912310021")]
    [InlineData("1101051949123100A")]
    public void ComputeCheckCharacter_Not17Digits_Throws(string first17) =>
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.ComputeCheckCharacter(first17));

    [Fact]
    public void Compose_BadParts_Throws()
    {
        var date = new DateOnly(2000, 1, 1);
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.Compose("11010", date, 1));
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.Compose("11010A", date, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidentIdNumber.Compose("110105", date, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidentIdNumber.Compose("110105", date, 1000));
    }

    [Fact]
    public void ToString_Always_MasksTheNumber()
    {
        var number = ResidentIdNumber.Validate("11010519491231002X", Today).Value!;
        Assert.Equal("110***********002X", number.ToString());
        Assert.DoesNotContain("19491231", number.ToString(), StringComparison.Ordinal);
    }
}
