namespace TokenOptimizer.Access;

/// <summary>Names under which the API-key authentication is registered.</summary>
public static class ApiKeyDefaults
{
    /// <summary>The authentication scheme.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The configuration section bound to <see cref="AccessOptions"/>.</summary>
    public const string ConfigurationSection = "Access";

    /// <summary>The header for clients that cannot send <c>Authorization: Bearer</c>.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The authorization policy that requires <paramref name="role"/>.</summary>
    public static string PolicyFor(Role role) => "ApiKeyRole:" + role.ToName();
}
