namespace Hub.Adapter.Host.Demo;

/// <summary>GB 11643-1999 resident ID numbers: region + birth date + sequence (odd = male) + ISO 7064 MOD 11-2 check.</summary>
internal static class ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static string Create(string region, DateOnly birth, int sequence)
    {
        var body = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{region}{birth:yyyyMMdd}{sequence:D3}");
        return body + CheckDigit(body);
    }

    public static char CheckDigit(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    public static bool IsValid(string number) => number.Length == 18 && number[..17].All(char.IsAsciiDigit) && CheckDigit(number) == number[17];
}
