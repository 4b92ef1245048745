using Npgsql;
using TokenOptimizer.SystemTests.Running;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary>The four services start, create their tables and work while connected as the database's owner, which is no superuser.</summary>
[Collection(InTurnCollection.Name)]
public sealed class RunningAsTheDatabaseOwner(SharedSystem system)
{
    [Fact]
    public async Task ServicesRole_IsNoSuperuser_AndOwnsEverythingTheyCreated()
    {
        // The role's attributes
        await using (var role = system.DataSource.CreateCommand("SELECT rolsuper, rolcreatedb, rolcreaterole, rolcanlogin FROM pg_roles WHERE rolname = $1"))
        {
            role.Parameters.Add(new NpgsqlParameter { Value = SharedSystem.DatabaseOwner });
            await using var reader = await role.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((false, false, false, true), (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3)));
        }

        // Every service's sessions, other than this test's own superuser ones, are the role's
        var sessions = await ListAsync(
            "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND usename <> current_user");
        Assert.Equal([SharedSystem.DatabaseOwner], sessions);

        // And every schema and table the services made (the event logs, read models, keys, Recommendations' own schema) is the role's
        var owners = await ListAsync("""
            SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            UNION SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'recommendations'
            """);
        Assert.Equal([SharedSystem.DatabaseOwner], owners);
        Assert.True(await CountAsync("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") > 10, "the services' tables should exist");
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var command = system.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = system.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
