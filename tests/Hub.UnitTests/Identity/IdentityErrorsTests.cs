using System.Reflection;
using Hub.Server.Identity;
using Hub.Server.Problems;

namespace Hub.UnitTests.Identity;

public sealed class IdentityErrorsTests
{
    [Fact]
    public void IdentityErrors_EveryCode_IsInTheReservedRangeWithStatus400()
    {
        var errors = typeof(IdentityErrors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (ErrorDefinition)f.GetValue(null)!)
            .ToList();

        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.Matches("^HUB-ID-00[0-4][0-9]$", e.Code);
            Assert.NotEqual("HUB-ID-0000", e.Code);
            Assert.Equal(400, e.Status);
        });
        Assert.Equal(errors.Count, errors.Select(e => e.Code).Distinct().Count());
    }
}
