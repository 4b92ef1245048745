using System.Text;

namespace TokenOptimizer.Access.ManagingApiKeys;

/// <summary>The answer to a create: the stored key's fields and, this once, the full key.</summary>
internal sealed record IssuedApiKey(string KeyId, string Name, Role Role, string? Team, DateTimeOffset CreatedAt, string Key)
{
    public static IssuedApiKey From(CreatedApiKey created) =>
        new(created.Key.KeyId, created.Key.Name, created.Key.Role, created.Key.Team, created.Key.CreatedAt, created.Plaintext);

    // Keeps the plaintext out of any log line that formats this record.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"KeyId = {KeyId}, Name = {Name}, Role = {Role}, Team = {Team}, CreatedAt = {CreatedAt:O}, Key = ***");
        return true;
    }
}
