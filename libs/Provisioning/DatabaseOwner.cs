namespace TokenOptimizer.Provisioning;

/// <summary>
/// The login role the services use: it owns their database and is no superuser (NOSUPERUSER, NOCREATEDB, NOCREATEROLE),
/// so a flaw in a service reaches that database only, never the server, its files or its other databases. A superuser
/// connection is needed only here, to create the role and hand it the database.
/// </summary>
public static class DatabaseOwner
{
    /// <summary>
    /// Creates <paramref name="role"/> (or resets its password and attributes), creates <paramref name="database"/> owned by
    /// it or hands it an existing one, with every schema, table, view and sequence in it that an earlier version created as
    /// another role; returns the role's connection string to the database. The role's password is set at each call.
    /// </summary>
    /// <param name="superuserConnectionString">A connection as a superuser (or a role that may create roles and databases).</param>
    /// <param name="database">1 to 63 letters, digits, <c>_</c> or <c>-</c>.</param>
    /// <param name="role">1 to 63 letters, digits, <c>_</c> or <c>-</c>.</param>
    /// <param name="password">The role's password; null for a new random one.</param>
    /// <param name="ct">Cancels the work.</param>
    public static Task<string> EnsureAsync(string superuserConnectionString, string database, string role, string? password = null, CancellationToken ct = default) =>
        PostgresAdministration.EnsureOwnedDatabaseAsync(superuserConnectionString, database, role, password, ct);
}
