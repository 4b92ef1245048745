using Npgsql;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Provisioning.Tests;

public sealed class UsingGivenServers
{
    [Fact]
    public async Task GivenConnectionStrings_AreUsedAndNothingStarts()
    {
        // The tests' containers stand in for servers a user already runs
        var postgres = await SharedInfrastructure.PostgresAsync();
        var rabbitMq = await SharedInfrastructure.RabbitMqAsync();

        await using var infrastructure = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions
        {
            PostgresConnectionString = postgres.AdminConnectionString,
            RabbitMqConnectionString = rabbitMq.Admin.ConnectionString,
        });

        Assert.Empty(infrastructure.ProcessIds);
        Assert.Null(infrastructure.DataFolder);
        Assert.False(infrastructure.OwnsPostgres);
        Assert.False(infrastructure.OwnsRabbitMq);
        Assert.Equal(postgres.AdminConnectionString, infrastructure.PostgresConnectionString);
        Assert.Equal(rabbitMq.Admin.ConnectionString, infrastructure.RabbitMqConnectionString);
        Assert.Equal(rabbitMq.Admin.Port, infrastructure.RabbitMqPort);
        Assert.Equal(rabbitMq.Admin.Password, infrastructure.RabbitMqPassword);

        var name = UniqueNames.Next();
        var database = await infrastructure.CreateDatabaseAsync(name);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        Assert.Equal(name, connection.Database);
    }

    [Fact]
    public void ConnectionStringVariable_IsReadWhateverItsCase()
    {
        var name = $"provisioning_test_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable($"CONNECTIONSTRINGS__{name.ToUpperInvariant()}", "Host=example");
        try
        {
            Assert.Equal("Host=example", InfrastructureConnectionStrings.FromEnvironment(name));
            Assert.Null(InfrastructureConnectionStrings.FromEnvironment($"{name}_unset"));
            Assert.Equal($"ConnectionStrings__{InfrastructureConnectionStrings.Postgres}", InfrastructureConnectionStrings.EnvironmentVariable("postgres"));
        }
        finally
        {
            Environment.SetEnvironmentVariable($"CONNECTIONSTRINGS__{name.ToUpperInvariant()}", null);
        }
    }

    [Fact]
    public void ExplicitOption_WinsOverTheEnvironment()
    {
        var options = new LocalInfrastructureOptions { PostgresConnectionString = "Host=explicit" }.WithConnectionStringsFromEnvironment();

        Assert.Equal("Host=explicit", options.PostgresConnectionString);
    }
}
