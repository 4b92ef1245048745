namespace TokenOptimizer.Access;

/// <summary>A well-formed key as presented by a caller: its public id and the hash of its secret.</summary>
internal readonly record struct PresentedKey(string KeyId, byte[] SecretHash);
