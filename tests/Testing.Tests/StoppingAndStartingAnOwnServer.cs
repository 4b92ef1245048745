using System.Text;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using TokenOptimizer.Testing.Containers;

namespace TokenOptimizer.Testing.Tests;

/// <summary>What a fault test relies on: a server of its own goes away when stopped and comes back at the same address with its data.</summary>
[Collection(StartingContainersInSequence.Name)]
public sealed class StoppingAndStartingAnOwnServer
{
    [Fact]
    public async Task StoppedPostgres_ComesBackOnTheSamePortWithItsRows()
    {
        await using var postgres = await OwnServer.PostgresAsync();
        await Sql.ExecuteAsync(postgres.ConnectionString, "create table notes (text text); insert into notes values ('still here')");

        await postgres.StopAsync();
        await Assert.ThrowsAsync<NpgsqlException>(() => Sql.ScalarAsync(postgres.ConnectionString, "select 1"));
        await postgres.StartAsync();

        Assert.Equal("still here", await Sql.ScalarAsync(postgres.ConnectionString, "select text from notes"));
    }

    [Fact]
    public async Task StoppedRabbitMq_ComesBackOnTheSamePortWithItsMessages()
    {
        await using var rabbitMq = await OwnServer.RabbitMqAsync();
        var factory = new ConnectionFactory { Uri = new Uri(rabbitMq.ConnectionString) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync("kept", durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", "kept", mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("still queued"));
        }

        await rabbitMq.StopAsync();
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => factory.CreateConnectionAsync());
        await rabbitMq.StartAsync();

        await using var reconnected = await factory.CreateConnectionAsync();
        await using var reading = await reconnected.CreateChannelAsync();
        Assert.Equal(1u, (await reading.QueueDeclarePassiveAsync("kept")).MessageCount);
    }

    [Fact]
    public async Task DisposedOwnServer_LeavesNoContainer()
    {
        var postgres = await OwnServer.PostgresAsync();
        var container = postgres.ContainerId[..12];
        Assert.Contains(container, await DockerContainers.OwnedByAsync(ContainerReaper.Owner));

        await postgres.DisposeAsync();

        Assert.DoesNotContain(container, await DockerContainers.OwnedByAsync(ContainerReaper.Owner));
    }
}
