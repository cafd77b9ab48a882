using System.Security.Cryptography;

namespace Hub.Server.Identity.Registry;

/// <summary>
/// Hub ids: "P" followed by 16 Crockford base32 characters (80 random bits), e.g. P5K2Q9ZB7M1XR4TD.
/// Opaque (no region, birth date or sequence to leak), case-insensitive on input, never reused: people are
/// never deleted and merged ids stay as aliases.
/// </summary>
public static class HubIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 17;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[Length];
        chars[0] = 'P';
        ulong high = ((ulong)bytes[0] << 32) | ((ulong)bytes[1] << 24) | ((ulong)bytes[2] << 16) | ((ulong)bytes[3] << 8) | bytes[4];
        ulong low = ((ulong)bytes[5] << 32) | ((ulong)bytes[6] << 24) | ((ulong)bytes[7] << 16) | ((ulong)bytes[8] << 8) | bytes[9];
        for (var i = 0; i < 8; i++)
        {
            chars[8 - i] = Alphabet[(int)(high & 31)];
            chars[16 - i] = Alphabet[(int)(low & 31)];
            high >>= 5;
            low >>= 5;
        }
        return new string(chars);
    }

    /// <summary>Upper-cases and maps the Crockford look-alikes (O→0, I/L→1); null when it cannot be a hub id.</summary>
    public static string? Normalize(string? value)
    {
        if (value is not { Length: Length })
        {
            return null;
        }
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            var c = char.ToUpperInvariant(value[i]);
            c = i == 0 ? c : c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if ((i == 0 && c != 'P') || (i > 0 && !Alphabet.Contains(c, StringComparison.Ordinal)))
            {
                return null;
            }
            chars[i] = c;
        }
        return new string(chars);
    }
}
