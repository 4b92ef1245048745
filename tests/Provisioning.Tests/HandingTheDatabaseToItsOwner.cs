using Npgsql;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Provisioning.Tests;

/// <summary>
/// The services' database belongs to a login role that is no superuser: created for a new database, handed over with
/// everything in it for one an earlier version made as the superuser.
/// </summary>
public sealed class HandingTheDatabaseToItsOwner
{
    [Fact]
    public async Task NewDatabase_IsOwnedByALoginRole_ThatMayNotCreateDatabasesOrRoles()
    {
        var superuser = (await SharedInfrastructure.PostgresAsync()).AdminConnectionString;
        var name = UniqueNames.Next("owned");

        var owner = await DatabaseOwner.EnsureAsync(superuser, name, name + "_role");

        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        Assert.Equal((name + "_role", false, false, false), await RoleAsync(connection));
        Assert.Equal(name + "_role", await ScalarAsync<string>(connection, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
        await ScalarAsync<int>(connection, "CREATE SCHEMA own; CREATE TABLE own.t (id int); SELECT 1");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<int>(connection, $"CREATE DATABASE {name}_other"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task DatabaseTheSuperuserFilled_IsHandedOverWithEverythingInIt()
    {
        // Given a database an older version created and filled as the superuser
        var server = await SharedInfrastructure.PostgresAsync();
        var name = UniqueNames.Next("legacy");
        await server.CreateDatabaseAsync(name);
        await using (var connection = new NpgsqlConnection(server.AdminConnectionStringFor(name)))
        {
            await connection.OpenAsync();
            await ScalarAsync<int>(connection, """
                CREATE TABLE events (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, data jsonb);
                CREATE SCHEMA recommendations; CREATE TABLE recommendations.list (id serial PRIMARY KEY);
                CREATE SEQUENCE standalone; CREATE VIEW recent AS SELECT seq FROM events;
                SELECT 1
                """);
        }

        // When it is handed to the services' role (twice: every start does it)
        await DatabaseOwner.EnsureAsync(server.AdminConnectionString, name, name + "_role");
        var owner = await DatabaseOwner.EnsureAsync(server.AdminConnectionString, name, name + "_role");

        // Then the role owns all of it and can change it as the services' start-up does
        await using var asOwner = new NpgsqlConnection(owner);
        await asOwner.OpenAsync();
        Assert.Equal(0L, await ScalarAsync<long>(asOwner, $"""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('public', 'recommendations') AND pg_get_userbyid(c.relowner) <> '{name}_role'
            """));
        await ScalarAsync<int>(asOwner, """
            ALTER TABLE events ADD COLUMN IF NOT EXISTS metadata jsonb; INSERT INTO events (data) VALUES ('{}'); TRUNCATE events;
            CREATE TABLE IF NOT EXISTS recommendations.more (id int); SELECT nextval('standalone')::int
            """);
    }

    private static async Task<(string, bool, bool, bool)> RoleAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT rolname, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
