using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;

namespace TokenOptimizer.Testing.Containers;

/// <summary>
/// A PostgreSQL server on which each test class gets a database of its own, owned by a login role of its own
/// that is no superuser: services must not need more than owning their database.
/// </summary>
/// <param name="adminConnectionString">A superuser (or a role with CREATEROLE and CREATEDB) on the server.</param>
/// <param name="isThrowaway">True for our own container, thrown away whole when the process ends.</param>
public sealed partial class PostgresServer(string adminConnectionString, bool isThrowaway)
{
    /// <summary>The administrator's connection string (its own database).</summary>
    public string AdminConnectionString { get; } = adminConnectionString;

    /// <summary>True when the server is our own container: nothing on it needs tidying.</summary>
    public bool IsThrowaway { get; } = isThrowaway;

    /// <summary>The administrator's connection string for database <paramref name="name"/>.</summary>
    public string AdminConnectionStringFor(string name) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;

    /// <summary>
    /// Creates role <paramref name="name"/> with a random password and database <paramref name="name"/> owned by it;
    /// returns the role's connection string for it.
    /// </summary>
    /// <param name="name">1 to 63 lower-case letters, digits or <c>_</c>, starting with a letter: a role and a database.</param>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        EnsureValidName(name);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

        // Names and password are checked or generated above: utility statements take no parameters.
        await ExecuteAsync(
            $"CREATE ROLE {name} LOGIN PASSWORD '{password}'",
            $"GRANT {name} TO CURRENT_USER", // a non-superuser administrator must be a member to give it a database
            $"CREATE DATABASE {name} OWNER {name}");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Username = name, Password = password }.ConnectionString;
    }

    /// <summary>Drops database and role <paramref name="name"/>, ending any connection to the database.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        EnsureValidName(name);
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", $"DROP ROLE IF EXISTS {name}");
    }

    // One statement after the other: CREATE DATABASE cannot run inside a transaction, nor in a batch.
    private async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static void EnsureValidName(string name)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a usable role and database name: use 1 to 63 lower-case letters, digits or '_', starting with a letter.", nameof(name));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex ValidName();
}
