using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace TokenOptimizer.Testing.Tests;

public sealed class GivingEachClassAVirtualHost(RabbitMqVhostFixture vhost) : IClassFixture<RabbitMqVhostFixture>, IAsyncLifetime
{
    private readonly RabbitMqVhostFixture _other = new();

    public Task InitializeAsync() => _other.InitializeAsync();

    public Task DisposeAsync() => _other.DisposeAsync();

    [Fact]
    public async Task QueueDeclaredInOneVirtualHost_IsNotVisibleInAnother()
    {
        await using (var connection = await new ConnectionFactory { Uri = new Uri(vhost.ConnectionString) }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("only-here", durable: false, exclusive: false, autoDelete: false);
            await channel.QueueDeclarePassiveAsync("only-here");
        }

        await using var otherConnection = await new ConnectionFactory { Uri = new Uri(_other.ConnectionString) }.CreateConnectionAsync();
        await using var otherChannel = await otherConnection.CreateChannelAsync();
        var notFound = await Assert.ThrowsAsync<OperationInterruptedException>(() => otherChannel.QueueDeclarePassiveAsync("only-here"));
        Assert.Equal((ushort)404, notFound.ShutdownReason?.ReplyCode);
    }

    [Fact]
    public async Task ClassVirtualHost_RoutesAMessage()
    {
        var factory = new ConnectionFactory { HostName = vhost.Host, Port = vhost.Port, UserName = vhost.UserName, Password = vhost.Password, VirtualHost = vhost.VirtualHost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        var queue = await channel.QueueDeclareAsync(exclusive: true);
        await channel.BasicPublishAsync("", queue.QueueName, Encoding.UTF8.GetBytes("hello"));
        BasicGetResult? received = null;
        await Eventually.UntilAsync(
            async () => (received = await channel.BasicGetAsync(queue.QueueName, autoAck: true)) is not null,
            TimeSpan.FromSeconds(5),
            "the published message should be in the queue");

        Assert.NotEqual("/", vhost.VirtualHost);
        Assert.Equal(vhost.ConnectionString, vhost.Endpoint.ConnectionString);
        Assert.Equal("hello", Encoding.UTF8.GetString(received!.Body.Span));
    }
}
