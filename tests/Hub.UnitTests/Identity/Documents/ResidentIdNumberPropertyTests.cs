using Hub.Server.Identity;
using Hub.Server.Identity.Documents;

namespace Hub.UnitTests.Identity.Documents;

public sealed class ResidentIdNumberPropertyTests
{
    private static readonly DateOnly Today = IdNumberGenerator.Today;

    [Fact]
    public void Validate_GeneratedNumbersFromRandomRegionsAndDates_AllPassWithTheirParts()
    {
        var generator = new IdNumberGenerator(20260101);
        for (var i = 0; i < 5000; i++)
        {
            var region = generator.NextRegion();
            var birthDate = generator.NextBirthDate();
            var sequence = generator.NextSequence();
            var number = ResidentIdNumber.Compose(region.Code, birthDate, sequence);

            var result = ResidentIdNumber.Validate(number, Today);

            Assert.True(result.IsValid, number + ": " + string.Join(", ", result.Errors.Select(e => e.Code)));
            Assert.Equal(region.Code, result.Value.RegionCode);
            Assert.Equal(birthDate, result.Value.BirthDate);
            Assert.Equal(sequence % 2 == 1 ? Gender.Male : Gender.Female, result.Value.Gender);
            Assert.True(ResidentIdNumber.Validate(number.ToLowerInvariant(), Today).IsValid);
        }
    }

    [Fact]
    public void Validate_AnySingleCharacterChanged_FailsTheChecksum()
    {
        var generator = new IdNumberGenerator(7);
        for (var i = 0; i < 300; i++)
        {
            var number = generator.NextIdNumber();
            for (var position = 0; position < 18; position++)
            {
                foreach (var replacement in position == 17 ? "0123456789X" : "0123456789")
                {
                    if (replacement == number[position])
                    {
                        continue;
                    }
                    var mutated = string.Concat(number.AsSpan(0, position), replacement.ToString(), number.AsSpan(position + 1));
                    Assert.Contains(IdentityErrors.ChecksumMismatch, ResidentIdNumber.Validate(mutated, Today).Errors);
                }
            }
        }
    }

    [Fact]
    public void Validate_AdjacentDigitsSwapped_FailsTheChecksum()
    {
        var generator = new IdNumberGenerator(11);
        for (var i = 0; i < 1000; i++)
        {
            var number = generator.NextIdNumber().ToCharArray();
            var position = generator.Next(16);
            if (number[position] == number[position + 1])
            {
                continue;
            }
            (number[position], number[position + 1]) = (number[position + 1], number[position]);
            Assert.Contains(IdentityErrors.ChecksumMismatch, ResidentIdNumber.Validate(new string(number), Today).Errors);
        }
    }

    [Fact]
    public void ComputeCheckCharacter_RandomBodies_ExactlyOneCheckCharacterValidates()
    {
        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var body = string.Concat(Enumerable.Range(0, 17).Select(_ => (char)('0' + random.Next(10))));
            var passing = "0123456789X".Count(c => !ResidentIdNumber.Validate(body + c, Today).Errors.Contains(IdentityErrors.ChecksumMismatch));

            Assert.Equal(1, passing);
            Assert.Contains(ResidentIdNumber.ComputeCheckCharacter(body), "0123456789X");
        }
    }

    [Fact]
    public void Validate_RandomFutureBirthDates_AreRejected()
    {
        var generator = new IdNumberGenerator(3);
        for (var i = 0; i < 500; i++)
        {
            var future = Today.AddDays(1 + generator.Next(365 * 80));
            var number = ResidentIdNumber.Compose(generator.NextRegion().Code, future, generator.NextSequence());
            Assert.Equal([IdentityErrors.BirthDateImplausible], ResidentIdNumber.Validate(number, Today).Errors);
        }
    }
}
