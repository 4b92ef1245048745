using TokenOptimizer.Provisioning;
using TokenOptimizer.Testing.Containers;
using Xunit;

namespace TokenOptimizer.Testing;

/// <summary>
/// A class fixture giving the test class a virtual host of its own on the shared RabbitMQ
/// (see <see cref="SharedInfrastructure"/>), so queues and exchanges of different classes never meet.
/// </summary>
public sealed class RabbitMqVhostFixture : IAsyncLifetime
{
    private RabbitMqBroker? _broker;

    /// <summary>The virtual host's name, unique per fixture instance.</summary>
    public string VirtualHost { get; } = UniqueNames.Next();

    /// <summary>AMQP URI of the class's virtual host: <c>amqp://user:pass@localhost:PORT/VHOST</c>.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The same as host, port, credentials and virtual host.</summary>
    public RabbitMqEndpoint Endpoint { get; private set; } = new("localhost", RabbitMqEndpoint.DefaultPort, "", "");

    /// <summary>The broker's host.</summary>
    public string Host => Endpoint.Host;

    /// <summary>The broker's AMQP port.</summary>
    public int Port => Endpoint.Port;

    /// <summary>The user, with every permission in <see cref="VirtualHost"/>.</summary>
    public string UserName => Endpoint.UserName;

    /// <summary>That user's password.</summary>
    public string Password => Endpoint.Password;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _broker = await SharedInfrastructure.RabbitMqAsync();
        ConnectionString = await _broker.CreateVirtualHostAsync(VirtualHost);
        Endpoint = RabbitMqEndpoint.Parse(ConnectionString);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        // Our own broker is thrown away whole at exit; only a given, long-lived one needs tidying.
        if (_broker is { IsThrowaway: false })
        {
            await _broker.DeleteVirtualHostAsync(VirtualHost);
        }
    }
}
