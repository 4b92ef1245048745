using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;

namespace TokenOptimizer.Provisioning;

/// <summary>Creating databases and handing them to their owner, on our own server or on one given by connection string.</summary>
internal static partial class PostgresAdministration
{
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static async Task<string> CreateDatabaseAsync(string adminConnectionString, string name, CancellationToken ct)
    {
        EnsureValidName(name);
        await ExecuteAsync(adminConnectionString, $"CREATE DATABASE {Quote(name)}", ct);
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task<string> EnsureOwnedDatabaseAsync(string superuserConnectionString, string database, string role, string? password, CancellationToken ct)
    {
        EnsureValidName(database);
        EnsureValidName(role);
        password ??= RandomNumberGenerator.GetString(PasswordAlphabet, 32);
        if (password.Contains('\'', StringComparison.Ordinal))
        {
            throw new ArgumentException("The password may not hold a quote.", nameof(password));
        }

        var server = new NpgsqlConnectionStringBuilder(superuserConnectionString) { Database = "postgres" }.ConnectionString;
        await ExecuteAsync(server, $"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {Quote(role)}; END IF;
            END $$;
            ALTER ROLE {Quote(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{password}';
            """, ct);

        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.Add(new NpgsqlParameter { Value = database });
            var statement = await exists.ExecuteScalarAsync(ct) is null
                ? $"CREATE DATABASE {Quote(database)} OWNER {Quote(role)}"
                : $"ALTER DATABASE {Quote(database)} OWNER TO {Quote(role)}";
            await using var ownDatabase = new NpgsqlCommand(statement, connection);
            await ownDatabase.ExecuteNonQueryAsync(ct);
        }

        await ExecuteAsync(new NpgsqlConnectionStringBuilder(superuserConnectionString) { Database = database }.ConnectionString, HandOver(role), ct);
        return new NpgsqlConnectionStringBuilder(superuserConnectionString) { Database = database, Username = role, Password = password }.ConnectionString;
    }

    // What earlier versions created as the superuser: schemas but public (PostgreSQL 15 gives it to the database's owner),
    // and relations. A sequence of an identity or serial column follows its table, and indexes follow theirs.
    private static string HandOver(string role) => $"""
        DO $$
        DECLARE o record;
        BEGIN
            FOR o IN SELECT nspname FROM pg_namespace
                     WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\_%' AND pg_get_userbyid(nspowner) <> '{role}' LOOP
                EXECUTE format('ALTER SCHEMA %I OWNER TO %I', o.nspname, '{role}');
            END LOOP;
            FOR o IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                       AND pg_get_userbyid(c.relowner) <> '{role}'
                       AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                                WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))) LOOP
                EXECUTE format('ALTER %s %I.%I OWNER TO %I',
                    CASE o.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                    o.nspname, o.relname, '{role}');
            END LOOP;
        END $$;
        """;

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
                $"'{name}' is not a usable database or role name: use 1 to 63 letters, digits, '_' or '-'.", nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,63}$")]
    private static partial Regex ValidName();
}
