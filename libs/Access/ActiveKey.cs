namespace TokenOptimizer.Access;

/// <summary>A key that authenticates: who it stands for and the hash its secret must match.</summary>
internal sealed record ActiveKey(ApiKeyPrincipal Principal, byte[] SecretHash);
