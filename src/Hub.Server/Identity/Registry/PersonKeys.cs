using Hub.Server.Identity.Documents;
using Hub.Server.Identity.Protection;

namespace Hub.Server.Identity.Registry;

/// <summary>Blind indexes, ciphertexts and masks of a person's keys, in one place so every path agrees on them.</summary>
public sealed class PersonKeys(PersonalDataProtector protector)
{
    private const string StudentNumberScope = "sn";

    /// <summary>Documents match on their lifelong part, so a renewed permit still finds its person.</summary>
    public byte[] DocumentIndex(DocumentType type, string lifelongNumber) =>
        protector.BlindIndex("doc:" + (int)type, lifelongNumber);

    public byte[] StudentNumberIndex(string value) => protector.BlindIndex(StudentNumberScope, value);

    /// <summary>The resident ID inside a G student number finds the same person as the ID card itself.</summary>
    public byte[]? EmbeddedDocumentIndex(StudentNumber number) =>
        number.Kind == StudentNumberKind.G && number.EmbeddedIdNumber is { } id ? DocumentIndex(DocumentType.ResidentIdCard, id) : null;

    /// <summary>Sets the document; <c>index</c> is its blind index when the caller computed it already (a batch looks it up first).</summary>
    public void SetDocument(Person person, IdentityDocument document, byte[]? index = null) =>
        SetDocument(person, document.Number, document.Type, document.LifelongNumber, index);

    /// <summary>Moves a revealed number to another person (merge): re-encrypted under the new owner.</summary>
    public void SetDocument(Person person, string number, DocumentType type) =>
        SetDocument(person, number, type, IdentityDocument.Validate(type, number, DateOnly.MaxValue).Value?.LifelongNumber ?? number, null);

    private void SetDocument(Person person, string number, DocumentType type, string lifelongNumber, byte[]? index)
    {
        var encrypted = protector.Encrypt(number, Aad(person.HubId, "document"));
        person.DocumentType = type;
        person.DocumentIndex = index ?? DocumentIndex(type, lifelongNumber);
        person.DocumentKeyId = encrypted.KeyId;
        person.DocumentCiphertext = encrypted.Ciphertext;
        person.DocumentMasked = Masking.Number(number);
    }

    /// <summary>Sets the student number; <c>index</c> is its blind index when the caller computed it already.</summary>
    public void SetStudentNumber(Person person, StudentNumber number, byte[]? index = null)
    {
        var encrypted = protector.Encrypt(number.Value, Aad(person.HubId, "student_number"));
        person.StudentNumberKind = number.Value[0];
        person.StudentNumberIndex = index ?? StudentNumberIndex(number.Value);
        person.StudentNumberKeyId = encrypted.KeyId;
        person.StudentNumberCiphertext = encrypted.Ciphertext;
        person.StudentNumberMasked = Masking.Number(number.Value);
    }

    public string? RevealDocument(Person person) =>
        person.DocumentCiphertext is { } data && person.DocumentKeyId is { } keyId
            ? protector.Decrypt(new ProtectedValue(keyId, data), Aad(person.HubId, "document"))
            : null;

    // Binding the ciphertext to its owner and field: a value copied to another row or column does not decrypt.
    private static string Aad(string hubId, string field) => hubId + "|" + field;
}
