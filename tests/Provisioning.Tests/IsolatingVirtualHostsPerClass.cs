using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Provisioning.Tests;

public sealed class IsolatingVirtualHostsPerClass
{
    [Fact]
    public async Task QueueDeclaredInOneVirtualHost_IsNotVisibleInAnother()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        var first = await infrastructure.CreateVirtualHostAsync(UniqueNames.Next());
        var second = await infrastructure.CreateVirtualHostAsync(UniqueNames.Next());

        await using (var connection = await new ConnectionFactory { Uri = new Uri(first) }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("only-here", durable: false, exclusive: false, autoDelete: false);
            await channel.QueueDeclarePassiveAsync("only-here");
        }

        await using var otherConnection = await new ConnectionFactory { Uri = new Uri(second) }.CreateConnectionAsync();
        await using var otherChannel = await otherConnection.CreateChannelAsync();
        var notFound = await Assert.ThrowsAsync<OperationInterruptedException>(() => otherChannel.QueueDeclarePassiveAsync("only-here"));
        Assert.Equal((ushort)404, notFound.ShutdownReason?.ReplyCode);
    }

    [Fact]
    public async Task FixtureVirtualHost_IsNotTheDefaultOne()
    {
        var fixture = new RabbitMqVhostFixture();
        await fixture.InitializeAsync();

        Assert.NotEqual("/", fixture.VirtualHost);
        Assert.Equal(fixture.VirtualHost, RabbitMqEndpoint.Parse(fixture.ConnectionString).VirtualHost);
        Assert.Equal("127.0.0.1", fixture.Host);
        await fixture.DisposeAsync();
    }
}
