using System.Diagnostics;
using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using TokenOptimizer.Provisioning;

namespace TokenOptimizer.Testing.Containers;

/// <summary>
/// A PostgreSQL or RabbitMQ of one test class's own, for fault tests: <see cref="StopAsync"/> it (say, for two
/// minutes under traffic), then <see cref="StartAsync"/> it again, on the same host ports and with its data, so
/// whatever was connected can reconnect to the same address. Dispose removes it.
/// </summary>
/// <example>
/// <code>
/// await using var postgres = await OwnServer.PostgresAsync();
/// // … start a service on postgres.ConnectionString, send traffic …
/// await postgres.StopAsync();
/// await postgres.StartAsync();
/// </code>
/// </example>
public sealed class OwnServer : IAsyncDisposable
{
    private readonly IContainer _container;

    private OwnServer(IContainer container, string connectionString)
    {
        _container = container;
        ConnectionString = connectionString;
    }

    /// <summary>As the superuser or administrator: an Npgsql connection string, or an <c>amqp://</c> URI.</summary>
    public string ConnectionString { get; }

    /// <summary>The container's id, for <c>docker</c> commands.</summary>
    public string ContainerId => _container.Id;

    /// <summary>A PostgreSQL on a fixed free host port (its connection string goes through its socket, which stays too).</summary>
    public static async Task<OwnServer> PostgresAsync()
    {
        var (builder, socketFolder) = await ServerContainers.PostgresAsync();
        var container = builder.WithPortBinding(FreePorts.Take(1)[0], PostgreSqlBuilder.PostgreSqlPort).Build();
        return await StartedAsync(container, () => ServerContainers.ThroughSocket(container, socketFolder));
    }

    /// <summary>A RabbitMQ on fixed free host ports (AMQP and management).</summary>
    public static async Task<OwnServer> RabbitMqAsync()
    {
        var ports = FreePorts.Take(2);
        var container = (await ServerContainers.RabbitMqAsync())
            .WithPortBinding(ports[0], RabbitMqBuilder.RabbitMqPort)
            .WithPortBinding(ports[1], ServerContainers.RabbitMqManagementPort)
            .Build();
        return await StartedAsync(container, () => container.GetConnectionString());
    }

    /// <summary>Stops the server (docker stop: a clean shutdown); its ports refuse connections until <see cref="StartAsync"/>.</summary>
    public Task StopAsync() => _container.StopAsync();

    /// <summary>Starts it again on the same ports with the same data; returns once it accepts connections.</summary>
    public Task StartAsync() => _container.StartAsync();

    /// <summary>Removes the container (Testcontainers only stops it when its reaper is off).</summary>
    public async ValueTask DisposeAsync()
    {
        var id = _container.Id;
        await _container.DisposeAsync();
        using var remove = Process.Start(new ProcessStartInfo("docker", ["rm", "-f", "-v", id]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await remove.WaitForExitAsync();
    }

    private static async Task<OwnServer> StartedAsync(IContainer container, Func<string> connectionString)
    {
        await container.StartAsync();
        return new OwnServer(container, connectionString());
    }
}
