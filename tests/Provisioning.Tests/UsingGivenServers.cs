using Npgsql;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Provisioning.Tests;

public sealed class UsingGivenServers
{
    [Fact]
    public async Task GivenConnectionStrings_AreUsedAndNothingStarts()
    {
        var shared = await SharedInfrastructure.GetAsync();

        await using var infrastructure = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions
        {
            PostgresConnectionString = shared.PostgresConnectionString,
            RabbitMqConnectionString = shared.RabbitMqConnectionString,
        });

        Assert.Empty(infrastructure.ProcessIds);
        Assert.Null(infrastructure.DataFolder);
        Assert.False(infrastructure.OwnsPostgres);
        Assert.False(infrastructure.OwnsRabbitMq);
        Assert.Equal(shared.PostgresConnectionString, infrastructure.PostgresConnectionString);
        Assert.Equal(shared.RabbitMqConnectionString, infrastructure.RabbitMqConnectionString);
        Assert.Equal(shared.RabbitMqPort, infrastructure.RabbitMqPort);
        Assert.Equal(shared.RabbitMqPassword, infrastructure.RabbitMqPassword);

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
