using TokenOptimizer.Provisioning;

namespace TokenOptimizer.Resilience.SystemTests;

/// <summary>
/// PostgreSQL and RabbitMQ of this test class's own, which it may stop and start again on the same ports and data,
/// as an outage does: the shared test servers must never go down under other classes.
/// </summary>
public sealed class OutageInfrastructure : IAsyncDisposable
{
    private readonly LocalInfrastructure _servers;

    private OutageInfrastructure(LocalInfrastructure servers, string postgres)
    {
        _servers = servers;
        PostgresConnectionString = postgres;
    }

    /// <summary>The test's database.</summary>
    public string PostgresConnectionString { get; }

    /// <summary>The broker's default virtual host.</summary>
    public string RabbitMqConnectionString => _servers.RabbitMqConnectionString;

    /// <summary>Starts both servers (never the ones named by ConnectionStrings__*: those cannot be stopped from here).</summary>
    public static async Task<OutageInfrastructure> StartAsync()
    {
        var servers = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions { Durable = false });
        return new OutageInfrastructure(servers, await servers.CreateDatabaseAsync("outage"));
    }

    /// <summary>PostgreSQL goes down: every session ends, nobody can connect, until <see cref="StartPostgresAsync"/>.</summary>
    public Task StopPostgresAsync() => _servers.StopPostgresAsync();

    public Task StartPostgresAsync() => _servers.StartPostgresAsync();

    public ValueTask DisposeAsync() => _servers.DisposeAsync();
}
