namespace TokenOptimizer.Access;

/// <summary>A stored key as listed: everything but its secret, of which only a hash exists.</summary>
/// <param name="KeyId">The public id, the <c>keyId</c> in <c>tok_&lt;keyId&gt;_&lt;secret&gt;</c>.</param>
/// <param name="Name">What the key is for, as its creator described it.</param>
/// <param name="Role">What the key may do.</param>
/// <param name="Team">The team whose data alone the key may see; null for all teams.</param>
/// <param name="CreatedAt">When the key was created.</param>
/// <param name="RevokedAt">When the key was revoked; null while it works.</param>
public sealed record ApiKey(string KeyId, string Name, Role Role, string? Team, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
