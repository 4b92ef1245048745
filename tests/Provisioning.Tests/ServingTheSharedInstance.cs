using System.Text;
using Npgsql;
using RabbitMQ.Client;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Provisioning.Tests;

public sealed class ServingTheSharedInstance(IntegrationInfrastructureFixture infrastructure) : IClassFixture<IntegrationInfrastructureFixture>
{
    [Fact]
    public async Task ClassDatabase_AnswersSql()
    {
        await using var connection = new NpgsqlConnection(infrastructure.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select current_database(), 1 + 1, current_setting('fsync')", connection);
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(infrastructure.Postgres.DatabaseName, reader.GetString(0));
        Assert.Equal(2, reader.GetInt32(1));
        Assert.Equal("off", reader.GetString(2));
    }

    [Fact]
    public async Task ClassVirtualHost_RoutesAMessage()
    {
        var factory = new ConnectionFactory { Uri = new Uri(infrastructure.RabbitMq.ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        var queue = await channel.QueueDeclareAsync(exclusive: true);
        await channel.BasicPublishAsync("", queue.QueueName, Encoding.UTF8.GetBytes("hello"));
        BasicGetResult? received = null;
        await Eventually.UntilAsync(
            async () => (received = await channel.BasicGetAsync(queue.QueueName, autoAck: true)) is not null,
            TimeSpan.FromSeconds(5),
            "the published message should be in the queue");

        Assert.Equal(infrastructure.RabbitMq.VirtualHost, factory.VirtualHost);
        Assert.Equal("hello", Encoding.UTF8.GetString(received!.Body.Span));
    }
}
