using Hub.Server.Platforms;

namespace Hub.UnitTests.Platforms;

public sealed class PlatformFormValidatorTests
{
    public static PlatformFormInput Valid() => new(
        new ApplicantInput("广东省电化教育馆", "广州市越秀区某路 1 号", "510000",
            new ContactInput("张三", "13800138000", "zhang@example.cn"), new ContactInput("李四", "020-12345678", "li@example.cn")),
        "广东省教育资源公共服务平台", "https://www.gdedu.example.cn/", 12000, 300000, 5000000, 4000000, "province", "enterprise", null,
        "某科技有限公司", 3, 25, 1200.5m, ["hosted", "publicCloud"], 500m, 40, 300, new EgressInput(1000, 500, null, null));

    [Fact]
    public void Validate_CompleteForm_ReturnsNormalizedForm()
    {
        var (form, errors) = PlatformFormValidator.Validate(Valid());

        Assert.Empty(errors);
        Assert.NotNull(form);
        Assert.Equal([DataCentreType.Hosted, DataCentreType.PublicCloud], form.DataCentreTypes);
        Assert.Equal(ServiceScope.Province, form.ServiceScope);
    }

    [Theory]
    [InlineData("url", "ftp://x.cn")]
    [InlineData("serviceScope", "nation")]
    [InlineData("serviceScope", "1")]
    [InlineData("developmentMode", "other")]
    [InlineData("securityLevel", "4")]
    [InlineData("annualBudgetTenThousandYuan", "-1")]
    [InlineData("annualBudgetTenThousandYuan", "1.005")]
    [InlineData("dataCentreTypes", "none")]
    [InlineData("egress", "0")]
    [InlineData("applicant.postcode", "51000")]
    [InlineData("applicant.lead.phone", "12345")]
    [InlineData("applicant.contact.email", "not-an-email")]
    public void Validate_OneBadField_NamesExactlyThatField(string field, string value)
    {
        var input = Valid();
        var applicant = input.Applicant!;
        input = field switch
        {
            "url" => input with { Url = value },
            "serviceScope" => input with { ServiceScope = value },
            "developmentMode" => input with { DevelopmentMode = value, DevelopmentModeOther = null },
            "securityLevel" => input with { SecurityLevel = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            "annualBudgetTenThousandYuan" => input with { AnnualBudgetTenThousandYuan = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            "dataCentreTypes" => input with { DataCentreTypes = [value] },
            "egress" => input with { Egress = new EgressInput(0, null, null, null) },
            "applicant.postcode" => input with { Applicant = applicant with { Postcode = value } },
            "applicant.lead.phone" => input with { Applicant = applicant with { Lead = applicant.Lead! with { Phone = value } } },
            _ => input with { Applicant = applicant with { Contact = applicant.Contact! with { Email = value } } },
        };
        if (field == "developmentMode")
        {
            field = "developmentModeOther";
        }

        var (form, errors) = PlatformFormValidator.Validate(input);

        Assert.Null(form);
        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void Validate_Nothing_NamesEveryRequiredField()
    {
        var (_, errors) = PlatformFormValidator.Validate(null, "platform.");

        Assert.Contains(errors, e => e.Field == "platform.name");
        Assert.Contains(errors, e => e.Field == "platform.applicant.lead.email");
        Assert.Contains(errors, e => e.Field == "platform.egress");
        Assert.All(errors, e => Assert.StartsWith("HUB-PLT-", e.Code, StringComparison.Ordinal));
    }
}
