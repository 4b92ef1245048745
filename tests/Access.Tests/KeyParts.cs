namespace TokenOptimizer.Access.Tests;

/// <summary>The pieces of a <c>tok_&lt;keyId&gt;_&lt;secret&gt;</c> key, as a test needs to tamper with them.</summary>
internal static class KeyParts
{
    private const int SecretStart = 4 + 12 + 1;

    public static string KeyIdOf(string key) => key[4..16];

    public static string SecretOf(string key) => key[SecretStart..];

    public static string WithSecretOf(string key, string other) => key[..SecretStart] + SecretOf(other);
}
