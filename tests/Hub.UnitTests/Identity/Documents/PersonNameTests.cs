using System.Text;
using Hub.Server.Identity;
using Hub.Server.Identity.Documents;

namespace Hub.UnitTests.Identity.Documents;

public sealed class PersonNameTests
{
    private const string ExtensionB = "\U00020000"; // 𠀀, two UTF-16 units

    [Theory]
    [InlineData("张三", PersonNameScript.Chinese)]
    [InlineData("欧阳娜娜", PersonNameScript.Chinese)]
    [InlineData("阿沛·阿旺晋美", PersonNameScript.Chinese)]
    [InlineData("买买提·艾力", PersonNameScript.Chinese)]
    [InlineData("李〇", PersonNameScript.Chinese)]
    [InlineData("Anne-Marie O'Neil", PersonNameScript.Latin)]
    [InlineData("John F. Kennedy", PersonNameScript.Latin)]
    [InlineData("Martin Luther King Jr.", PersonNameScript.Latin)]
    [InlineData("José Müller", PersonNameScript.Latin)]
    [InlineData("Nguyễn Văn An", PersonNameScript.Latin)]
    [InlineData("A", PersonNameScript.Latin)]
    public void Validate_RealNames_AreAccepted(string raw, PersonNameScript script)
    {
        var result = PersonName.Validate(raw);
        Assert.True(result.IsValid, string.Join(", ", result.Errors.Select(e => e.Code)));
        Assert.Equal(raw, result.Value.Value);
        Assert.Equal(script, result.Value.Script);
    }

    [Theory]
    [InlineData("阿沛・阿旺晋美")]
    [InlineData("阿沛‧阿旺晋美")]
    [InlineData("阿沛•阿旺晋美")]
    [InlineData("阿沛．阿旺晋美")]
    [InlineData("阿沛.阿旺晋美")]
    [InlineData("阿沛 · 阿旺晋美")]
    [InlineData("\u3000阿沛·阿旺晋美 ")]
    public void Normalize_DotVariantsAndSpaces_BecomeOneMiddleDot(string raw)
    {
        Assert.Equal("阿沛·阿旺晋美", PersonName.Normalize(raw));
        Assert.True(PersonName.Validate(raw).IsValid);
    }

    [Theory]
    [InlineData("Ａｎｎｅ　Ｍａｒｉｅ", "Anne Marie")]
    [InlineData("Anne   Marie", "Anne Marie")]
    [InlineData("O’Neil", "O'Neil")]
    [InlineData("Jose\u0301", "José")]
    public void Normalize_LatinInput_FoldsWidthSpacesApostrophesAndComposes(string raw, string expected) =>
        Assert.Equal(expected, PersonName.Normalize(raw));

    [Fact]
    public void Validate_FiftyCharacters_IsAcceptedAndFiftyOneIsTooLong()
    {
        Assert.True(PersonName.Validate(new string('张', 50)).IsValid);
        Assert.Equal([IdentityErrors.NameTooLong], PersonName.Validate(new string('张', 51)).Errors);
        Assert.Equal([IdentityErrors.NameTooLong], PersonName.Validate(new string('a', 51)).Errors);
    }

    [Fact]
    public void Validate_ExtensionBCharacters_CountOnceEach()
    {
        var fifty = string.Concat(Enumerable.Repeat(ExtensionB, 50));
        Assert.Equal(100, fifty.Length);
        Assert.True(PersonName.Validate(fifty).IsValid);
        Assert.True(PersonName.Validate(ExtensionB + new string('小', 49)).IsValid);
        Assert.Equal([IdentityErrors.NameTooLong], PersonName.Validate(fifty + ExtensionB).Errors);
    }

    [Theory]
    [InlineData("张三1", "HUB-ID-0032")]
    [InlineData("张三😀", "HUB-ID-0032")]
    [InlineData("Anne2", "HUB-ID-0032")]
    [InlineData("张\u0001三", "HUB-ID-0032")]
    [InlineData("张\t三", "HUB-ID-0032")]
    [InlineData("Иван", "HUB-ID-0032")]
    [InlineData("さくら", "HUB-ID-0032")]
    [InlineData("张 三", "HUB-ID-0032")]
    [InlineData("张-三", "HUB-ID-0032")]
    [InlineData("Anne_Marie", "HUB-ID-0032")]
    [InlineData("···", "HUB-ID-0032")]
    [InlineData("<script>", "HUB-ID-0032")]
    [InlineData("张三Anne", "HUB-ID-0034")]
    [InlineData("·张三", "HUB-ID-0033")]
    [InlineData("张三·", "HUB-ID-0033")]
    [InlineData("阿沛··阿旺晋美", "HUB-ID-0033")]
    [InlineData("-Anne", "HUB-ID-0033")]
    [InlineData("Anne-", "HUB-ID-0033")]
    [InlineData("Anne--Marie", "HUB-ID-0033")]
    [InlineData("O''Neil", "HUB-ID-0033")]
    [InlineData(".Anne", "HUB-ID-0033")]
    public void Validate_BadNames_AreRejectedWithTheReason(string raw, string code) =>
        Assert.Equal([code], PersonName.Validate(raw).Errors.Select(e => e.Code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \u3000 ")]
    public void Validate_Blank_IsRequired(string? raw) =>
        Assert.Equal([IdentityErrors.NameRequired], PersonName.Validate(raw).Errors);

    [Fact]
    public void Validate_RandomChineseNames_AreAcceptedAndADigitAnywhereIsNot()
    {
        var random = new Random(2024);
        int[][] ranges = [[0x4E00, 0x9FFF], [0x3400, 0x4DBF], [0x20000, 0x2A6DF]];
        for (var i = 0; i < 2000; i++)
        {
            var builder = new StringBuilder();
            var length = 1 + random.Next(PersonName.MaxLength);
            for (var j = 0; j < length; j++)
            {
                var range = ranges[random.Next(ranges.Length)];
                builder.Append(char.ConvertFromUtf32(random.Next(range[0], range[1] + 1)));
            }
            var name = builder.ToString();
            Assert.True(PersonName.Validate(name).IsValid, name);

            var at = random.Next(name.Length + 1);
            if (at > 0 && at < name.Length && char.IsLowSurrogate(name[at]))
            {
                at++;
            }
            Assert.False(PersonName.Validate(name.Insert(at, random.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture))).IsValid);
        }
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张小三", "张*三")]
    [InlineData("欧阳小明", "欧**明")]
    [InlineData("阿沛·阿旺晋美", "阿*·***美")]
    [InlineData("张", "*")]
    [InlineData(ExtensionB + "小明", ExtensionB + "*明")]
    [InlineData("Anne-Marie O'Neil", "A***-M**** O'****")]
    [InlineData("John Smith", "J*** S****")]
    [InlineData("John F. Kennedy", "J*** F. K******")]
    [InlineData("  张小三 ", "张*三")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mask_Names_HideAllButTheAllowedLetters(string? name, string expected) =>
        Assert.Equal(expected, PersonName.Mask(name));

    [Fact]
    public void Mask_Garbage_NeverRevealsDigits() =>
        Assert.Equal("a*****", PersonName.Mask("abc123"));
}
