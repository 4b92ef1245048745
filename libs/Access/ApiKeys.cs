using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace TokenOptimizer.Access;

/// <summary>
/// The key format, <c>tok_&lt;keyId&gt;_&lt;secret&gt;</c>: a 12-hex-digit public id (for logs and listings;
/// hex, so it never contains the separator) and a secret of 32 random bytes in base64url (43 characters,
/// which may themselves contain <c>_</c>: everything after the id's separator is the secret).
/// </summary>
public static class ApiKeys
{
    /// <summary>Every key starts with this, so secret scanners and people can recognise one.</summary>
    public const string Prefix = "tok_";

    private const int KeyIdLength = 12;
    private const int SecretBytes = 32;
    private static readonly int SecretLength = Base64Url.GetEncodedLength(SecretBytes);
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>A fresh key with a random id and secret, for example for the bootstrap admin key.</summary>
    public static string Generate() => NewKey().Plaintext;

    internal static (string KeyId, string Plaintext, byte[] SecretHash) NewKey()
    {
        var keyId = RandomNumberGenerator.GetHexString(KeyIdLength, lowercase: true);
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        return (keyId, $"{Prefix}{keyId}_{Base64Url.EncodeToString(secret)}", HashSecret(secret));
    }

    /// <summary>
    /// Splits a presented key into its id and the hash of its secret. Strict about the shape, so anything
    /// that is not a key we could have issued is refused before it reaches the database.
    /// </summary>
    internal static bool TryParse([NotNullWhen(true)] string? presented, out PresentedKey key)
    {
        key = default;
        if (presented is null
            || presented.Length != Prefix.Length + KeyIdLength + 1 + SecretLength
            || !presented.StartsWith(Prefix, StringComparison.Ordinal)
            || presented[Prefix.Length + KeyIdLength] != '_')
        {
            return false;
        }

        var keyId = presented.AsSpan(Prefix.Length, KeyIdLength);
        if (keyId.ContainsAnyExcept(HexDigits))
        {
            return false;
        }

        // Base64Url refuses non-zero unused bits in the last character, so each secret has one spelling.
        Span<byte> secret = stackalloc byte[SecretBytes];
        var encoded = presented.AsSpan(Prefix.Length + KeyIdLength + 1);
        if (Base64Url.DecodeFromChars(encoded, secret, out var consumed, out var written) != OperationStatus.Done
            || consumed != encoded.Length
            || written != SecretBytes)
        {
            return false;
        }

        key = new PresentedKey(keyId.ToString(), HashSecret(secret));
        return true;
    }

    /// <summary>
    /// SHA-256, not a slow KDF: bcrypt and friends protect low-entropy passwords from guessing after a leak of
    /// the hashes. A secret of 256 random bits cannot be guessed however fast the hash is, and a fast hash lets
    /// every request be checked without making authentication a CPU cost or a denial-of-service lever.
    /// </summary>
    internal static byte[] HashSecret(ReadOnlySpan<byte> secret) => SHA256.HashData(secret);
}
