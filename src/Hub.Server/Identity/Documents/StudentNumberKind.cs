namespace Hub.Server.Identity.Documents;

/// <summary>The leading letter of a 全国中小学生学籍号; the value is the letter's code point.</summary>
public enum StudentNumberKind
{
    /// <summary>G: the student's resident ID number (the official form).</summary>
    G = 'G',

    /// <summary>J: an ID-style number issued to a student who has no resident ID.</summary>
    J = 'J',

    /// <summary>L: temporary (region, birth date, 4 digits) until replaced by a G number; the change is a key change, not a new person.</summary>
    L = 'L',
}
