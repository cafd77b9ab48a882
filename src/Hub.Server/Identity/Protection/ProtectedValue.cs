namespace Hub.Server.Identity.Protection;

/// <summary>
/// An encrypted value as stored: the key id beside the ciphertext (nonce ‖ ciphertext ‖ tag), so that keys rotate.
/// </summary>
public sealed record ProtectedValue(string KeyId, byte[] Ciphertext);
