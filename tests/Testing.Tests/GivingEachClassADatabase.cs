using Npgsql;

namespace TokenOptimizer.Testing.Tests;

public sealed class GivingEachClassADatabase(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _other = new();

    public Task InitializeAsync() => _other.InitializeAsync();

    public Task DisposeAsync() => _other.DisposeAsync();

    [Fact]
    public async Task TableInOneClassDatabase_IsAbsentFromAnother()
    {
        await Sql.ExecuteAsync(database.ConnectionString, "create table only_here (id int)");

        Assert.Equal("only_here", await Sql.ScalarAsync(database.ConnectionString, "select to_regclass('only_here')::text"));
        Assert.Null(await Sql.ScalarAsync(_other.ConnectionString, "select to_regclass('only_here')::text"));
    }

    [Fact]
    public async Task ClassRole_OwnsItsDatabase_AndIsNoSuperuser()
    {
        Assert.Equal(database.DatabaseName, new NpgsqlConnectionStringBuilder(database.ConnectionString).Username);
        Assert.Equal(
            $"{database.DatabaseName} {database.DatabaseName} false false",
            await Sql.ScalarAsync(database.ConnectionString, """
                select current_database() || ' ' || pg_get_userbyid(d.datdba) || ' ' || r.rolsuper || ' ' || r.rolcreatedb
                from pg_database d, pg_roles r where d.datname = current_database() and r.rolname = current_user
                """));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(database.ConnectionString, "create database not_for_services"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task ClassRole_CannotReadAnotherClassTables()
    {
        await Sql.ExecuteAsync(_other.ConnectionString, "create table private_rows (id int)");

        var otherDatabase = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = _other.DatabaseName }.ConnectionString;
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync(otherDatabase, "select count(*) from private_rows"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task SuperuserConnectionString_ReachesTheSameDatabaseAsASuperuser()
    {
        Assert.Equal(
            $"{database.DatabaseName} true",
            await Sql.ScalarAsync(database.SuperuserConnectionString, "select current_database() || ' ' || rolsuper from pg_roles where rolname = current_user"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x; drop database postgres; --")]
    [InlineData("Upper_case")]
    [InlineData("much_too_long_0123456789_0123456789_0123456789_0123456789_0123456789")]
    public async Task UnusableName_IsRejectedBeforeReachingTheServer(string name)
    {
        var server = await SharedInfrastructure.PostgresAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => server.CreateDatabaseAsync(name));

        Assert.Equal("name", refused.ParamName);
    }

    [Fact]
    public async Task SharedServer_RunsWithoutDurability()
    {
        Assert.Equal(
            "off off off",
            await Sql.ScalarAsync(database.ConnectionString, "select current_setting('fsync') || ' ' || current_setting('synchronous_commit') || ' ' || current_setting('full_page_writes')"));
    }
}
