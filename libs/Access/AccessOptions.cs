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
    /// How long a successful lookup is remembered. A key revoked through another instance keeps working
    /// there for at most this long; through this instance, revocation is immediate.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
