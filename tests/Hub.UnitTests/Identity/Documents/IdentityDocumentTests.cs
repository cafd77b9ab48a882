using Hub.Server.Identity;
using Hub.Server.Identity.Documents;
using Hub.Server.Problems;

namespace Hub.UnitTests.Identity.Documents;

public sealed class IdentityDocumentTests
{
    private static readonly DateOnly Today = IdNumberGenerator.Today;

    [Fact]
    public void Validate_ResidentIdCard_CarriesBirthDateAndGender()
    {
        var result = IdentityDocument.Validate(DocumentType.ResidentIdCard, "11010519491231002x", Today);

        Assert.True(result.IsValid);
        Assert.Equal(DocumentType.ResidentIdCard, result.Value.Type);
        Assert.Equal("11010519491231002X", result.Value.Number);
        Assert.Equal("11010519491231002X", result.Value.LifelongNumber);
        Assert.Equal(new DateOnly(1949, 12, 31), result.Value.BirthDate);
        Assert.Equal(Gender.Female, result.Value.Gender);
    }

    [Fact]
    public void Validate_ResidentIdCardWithBadChecksum_ReturnsTheIdErrors() =>
        Assert.Equal([IdentityErrors.ChecksumMismatch],
            IdentityDocument.Validate(DocumentType.ResidentIdCard, "110105194912310021", Today).Errors);

    [Theory]
    [InlineData("H12345678", "H12345678", "H12345678")]
    [InlineData("m87654321", "M87654321", "M87654321")]
    [InlineData("H1234567801", "H1234567801", "H12345678")]
    [InlineData("Ｈ１２３４５６７８", "H12345678", "H12345678")]
    public void Validate_HongKongMacaoPermit_AcceptsBothForms(string raw, string number, string lifelong)
    {
        var result = IdentityDocument.Validate(DocumentType.HongKongMacaoPermit, raw, Today);
        Assert.True(result.IsValid);
        Assert.Equal(number, result.Value.Number);
        Assert.Equal(lifelong, result.Value.LifelongNumber);
        Assert.Null(result.Value.BirthDate);
        Assert.Null(result.Value.Gender);
    }

    [Fact]
    public void Validate_SameNumberUnderDifferentTypes_FollowsTheTypesRules()
    {
        Assert.True(IdentityDocument.Validate(DocumentType.TaiwanPermit, "12345678", Today).IsValid);
        Assert.Equal([IdentityErrors.HongKongMacaoPermitFormat], IdentityDocument.Validate(DocumentType.HongKongMacaoPermit, "12345678", Today).Errors);
    }

    [Theory]
    [InlineData("H1234567")]
    [InlineData("H123456789")]
    [InlineData("A12345678")]
    [InlineData("HK1234567")]
    [InlineData("H1234567A")]
    public void Validate_MalformedHongKongMacaoPermit_IsRejected(string raw) =>
        Assert.Equal([IdentityErrors.HongKongMacaoPermitFormat], IdentityDocument.Validate(DocumentType.HongKongMacaoPermit, raw, Today).Errors);

    [Theory]
    [InlineData("12345678", "12345678", "12345678")]
    [InlineData("0561682001", "0561682001", "05616820")]
    [InlineData("0561682001(d)", "0561682001(D)", "05616820")]
    [InlineData("0561682001（D）", "0561682001(D)", "05616820")]
    public void Validate_TaiwanPermit_AcceptsCardAndOlderForms(string raw, string number, string lifelong)
    {
        var result = IdentityDocument.Validate(DocumentType.TaiwanPermit, raw, Today);
        Assert.True(result.IsValid);
        Assert.Equal(number, result.Value.Number);
        Assert.Equal(lifelong, result.Value.LifelongNumber);
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("123456789")]
    [InlineData("1234567A")]
    [InlineData("0561682001(DD)")]
    [InlineData("05616820(D)")]
    public void Validate_MalformedTaiwanPermit_IsRejected(string raw) =>
        Assert.Equal([IdentityErrors.TaiwanPermitFormat], IdentityDocument.Validate(DocumentType.TaiwanPermit, raw, Today).Errors);

    [Theory]
    [InlineData("e12345678", "E12345678")]
    [InlineData("G1234", "G1234")]
    [InlineData("12345678901234567", "12345678901234567")]
    [InlineData(" x1234567 ", "X1234567")]
    public void Validate_Passport_AcceptsAlphanumericAndUpperCases(string raw, string number) =>
        Assert.Equal(number, IdentityDocument.Validate(DocumentType.Passport, raw, Today).Value?.Number);

    [Theory]
    [InlineData("G123")]
    [InlineData("123456789012345678")]
    [InlineData("E1234-567")]
    [InlineData("E1234 567")]
    [InlineData("E1234567é")]
    public void Validate_MalformedPassport_IsRejected(string raw) =>
        Assert.Equal([IdentityErrors.PassportFormat], IdentityDocument.Validate(DocumentType.Passport, raw, Today).Errors);

    [Fact]
    public void Validate_ForeignPermanentResidentCard_AcceptsOldAndNewForms()
    {
        var first17 = "93184019900101001";
        var newStyle = first17 + ResidentIdNumber.ComputeCheckCharacter(first17);

        Assert.True(IdentityDocument.Validate(DocumentType.ForeignPermanentResidentCard, "usa123456789012", Today).IsValid);
        var result = IdentityDocument.Validate(DocumentType.ForeignPermanentResidentCard, newStyle.ToLowerInvariant(), Today);
        Assert.True(result.IsValid);
        Assert.Equal(newStyle, result.Value.Number);
        Assert.Null(result.Value.BirthDate);
    }

    [Fact]
    public void Validate_ForeignPermanentResidentCardWithBadCheck_IsChecksumMismatch()
    {
        var first17 = "93184019900101001";
        var wrong = ResidentIdNumber.ComputeCheckCharacter(first17) == '0' ? '1' : '0';
        Assert.Equal([IdentityErrors.ChecksumMismatch],
            IdentityDocument.Validate(DocumentType.ForeignPermanentResidentCard, first17 + wrong, Today).Errors);
    }

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("US123456789012")]
    [InlineData("US1234567890123")]
    [InlineData("USA12345678901A")]
    [InlineData("9318401990010100")]
    public void Validate_MalformedForeignPermanentResidentCard_IsRejected(string raw) =>
        Assert.Equal([IdentityErrors.ForeignPermanentResidentCardFormat],
            IdentityDocument.Validate(DocumentType.ForeignPermanentResidentCard, raw, Today).Errors);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_NoneWithoutNumber_IsValidAndEmpty(string? raw)
    {
        var result = IdentityDocument.Validate(DocumentType.None, raw, Today);
        Assert.True(result.IsValid);
        Assert.Equal(string.Empty, result.Value.Number);
    }

    [Fact]
    public void Validate_NoneWithNumber_IsRejected() =>
        Assert.Equal([IdentityErrors.DocumentNumberNotExpected], IdentityDocument.Validate(DocumentType.None, "123", Today).Errors);

    [Theory]
    [InlineData(DocumentType.ResidentIdCard)]
    [InlineData(DocumentType.HongKongMacaoPermit)]
    [InlineData(DocumentType.TaiwanPermit)]
    [InlineData(DocumentType.Passport)]
    [InlineData(DocumentType.ForeignPermanentResidentCard)]
    public void Validate_BlankNumber_IsRequired(DocumentType type) =>
        Assert.Equal([IdentityErrors.DocumentNumberRequired], IdentityDocument.Validate(type, "  ", Today).Errors);

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(42)]
    public void Validate_UndefinedType_IsUnsupported(int type) =>
        Assert.Equal([IdentityErrors.DocumentTypeUnsupported], IdentityDocument.Validate((DocumentType)type, "H12345678", Today).Errors);

    [Fact]
    public void ToFieldErrors_InvalidResult_NamesTheField()
    {
        var error = Assert.Single(IdentityDocument.Validate(DocumentType.Passport, "x", Today).ToFieldErrors("document.number"));
        Assert.Equal(new FieldError("document.number", IdentityErrors.PassportFormat), error);
    }

    [Fact]
    public void ToString_Document_MasksTheNumber() =>
        Assert.Equal("Passport E*******8", IdentityDocument.Validate(DocumentType.Passport, "E12345678", Today).Value!.ToString());

    [Fact]
    public void TodayInChina_LateUtcEvening_IsTheNextDay()
    {
        Assert.Equal(new DateOnly(2025, 1, 1), IdentityDocument.TodayInChina(new FixedClock(new DateTimeOffset(2024, 12, 31, 16, 30, 0, TimeSpan.Zero))));
        Assert.Equal(new DateOnly(2024, 12, 31), IdentityDocument.TodayInChina(new FixedClock(new DateTimeOffset(2024, 12, 31, 15, 59, 0, TimeSpan.Zero))));
    }

    [Fact]
    public void DisplayNames_EveryDefinedType_HasChineseAndEnglish()
    {
        foreach (var type in Enum.GetValues<DocumentType>())
        {
            Assert.False(string.IsNullOrWhiteSpace(type.DisplayNameZh()));
            Assert.False(string.IsNullOrWhiteSpace(type.DisplayNameEn()));
        }
        Assert.Equal("居民身份证", DocumentType.ResidentIdCard.DisplayNameZh());
        Assert.Equal("暂无证件", DocumentType.None.DisplayNameZh());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DocumentType)0).DisplayNameZh());
    }

    [Fact]
    public void DocumentType_WireCodes_NeverChange()
    {
        Assert.Equal([1, 2, 3, 4, 5, 9], Enum.GetValues<DocumentType>().Select(t => (int)t));
        Assert.Equal(DocumentType.ResidentIdCard, (DocumentType)1);
        Assert.Equal(DocumentType.None, (DocumentType)9);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
