using TokenOptimizer.Testing.Containers;

namespace TokenOptimizer.Resilience.SystemTests;

/// <summary>
/// PostgreSQL and RabbitMQ of this test class's own (<see cref="OwnServer"/> containers), which it may stop and start
/// again on the same ports and data, as an outage does: the shared test servers must never go down under other classes.
/// </summary>
public sealed class OutageInfrastructure : IAsyncDisposable
{
    private readonly OwnServer _postgres;
    private readonly OwnServer _rabbitMq;

    private OutageInfrastructure(OwnServer postgres, OwnServer rabbitMq)
    {
        _postgres = postgres;
        _rabbitMq = rabbitMq;
    }

    /// <summary>The test's database.</summary>
    public string PostgresConnectionString => _postgres.ConnectionString;

    /// <summary>The broker's default virtual host.</summary>
    public string RabbitMqConnectionString => _rabbitMq.ConnectionString;

    /// <summary>Starts both servers (never the ones named by ConnectionStrings__*: those cannot be stopped from here).</summary>
    public static async Task<OutageInfrastructure> StartAsync()
    {
        var postgres = OwnServer.PostgresAsync();
        var rabbitMq = OwnServer.RabbitMqAsync();
        return new OutageInfrastructure(await postgres, await rabbitMq);
    }

    /// <summary>PostgreSQL goes down: every session ends, nobody can connect, until <see cref="StartPostgresAsync"/>.</summary>
    public Task StopPostgresAsync() => _postgres.StopAsync();

    public Task StartPostgresAsync() => _postgres.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _postgres.DisposeAsync();
        await _rabbitMq.DisposeAsync();
    }
}
