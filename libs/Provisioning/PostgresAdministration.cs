using System.Text.RegularExpressions;
using Npgsql;

namespace TokenOptimizer.Provisioning;

/// <summary>Creating and dropping databases, on our own server or on one given by connection string.</summary>
internal static partial class PostgresAdministration
{
    public static async Task<string> CreateDatabaseAsync(string adminConnectionString, string name, CancellationToken ct)
    {
        EnsureValidName(name);
        await ExecuteAsync(adminConnectionString, $"CREATE DATABASE {Quote(name)}", ct);
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string adminConnectionString, string name, CancellationToken ct)
    {
        EnsureValidName(name);

        // Our own pooled connections would otherwise keep the database busy; FORCE ends everyone else's.
        using (var pooled = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAsync(adminConnectionString, $"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", ct);
    }

    // Unpooled: these calls are rare, and a pooled connection would be dead after a restart of the server (StopPostgresAsync).
    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static void EnsureValidName(string name)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a usable database name: use 1 to 63 letters, digits, '_' or '-'.", nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,63}$")]
    private static partial Regex ValidName();
}
