using Npgsql;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Provisioning.Tests;

public sealed class IsolatingDatabasesPerClass
{
    [Fact]
    public async Task TableInOneDatabase_IsAbsentFromAnother()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        var first = await infrastructure.CreateDatabaseAsync(UniqueNames.Next());
        var second = await infrastructure.CreateDatabaseAsync(UniqueNames.Next());

        await ExecuteAsync(first, "create table only_here (id int)");

        Assert.Equal("only_here", await ScalarAsync(first, "select to_regclass('only_here')::text"));
        Assert.Null(await ScalarAsync(second, "select to_regclass('only_here')::text"));
    }

    [Fact]
    public async Task DroppedDatabase_IsGone()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        var name = UniqueNames.Next();
        var connectionString = await infrastructure.CreateDatabaseAsync(name);
        await ExecuteAsync(connectionString, "select 1");

        await infrastructure.DropDatabaseAsync(name);

        Assert.Null(await ScalarAsync(infrastructure.PostgresConnectionString, $"select datname::text from pg_database where datname = '{name}'"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x\"; drop database postgres; --")]
    [InlineData("much_too_long_0123456789_0123456789_0123456789_0123456789_0123456789")]
    public async Task UnusableName_IsRejectedBeforeReachingTheServer(string name)
    {
        var infrastructure = await SharedInfrastructure.GetAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => infrastructure.CreateDatabaseAsync(name));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
