using System.Text;

namespace TokenOptimizer.Access;

/// <summary>A key just created, with its plaintext: the only time the plaintext exists outside the caller.</summary>
/// <param name="Key">The stored key.</param>
/// <param name="Plaintext">The full key to hand to its user once; it cannot be shown again.</param>
public sealed record CreatedApiKey(ApiKey Key, string Plaintext)
{
    // A record prints every property; keep the plaintext out of any log line that formats this record.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Key = ").Append(Key).Append(", Plaintext = ***");
        return true;
    }
}
