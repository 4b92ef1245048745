namespace TokenOptimizer.Access;

/// <summary>The <c>Access</c> configuration section. There is deliberately no switch to turn authentication off.</summary>
public sealed class AccessOptions
{
    /// <summary>
    /// A full key (<c>tok_…_…</c>, as <see cref="ApiKeys.Generate"/> makes) that authenticates as an unscoped
    /// admin without being stored: the way to create the first keys. Empty means none. Never logged.
    /// </summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>
    /// How long a successful lookup is remembered. A revocation is announced to every instance at once (LISTEN/NOTIFY);
    /// this bounds how long a revoked key can keep working on an instance that missed the announcement.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
