using TokenOptimizer.Provisioning;

namespace TokenOptimizer.Testing;

/// <summary>A class's database handed to a login role of its own that is no superuser, as the AppHost does for the services.</summary>
public static class DatabaseOwnerRole
{
    /// <summary>The role's name for <paramref name="database"/>.</summary>
    public static string NameFor(PostgresDatabaseFixture database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.DatabaseName + "_owner";
    }

    /// <summary>Creates the role, hands it the database and everything in it, and returns its connection string.</summary>
    public static Task<string> ConnectionStringAsync(PostgresDatabaseFixture database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return DatabaseOwner.EnsureAsync(database.ConnectionString, database.DatabaseName, NameFor(database));
    }
}
