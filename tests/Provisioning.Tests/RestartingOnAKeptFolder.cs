using Npgsql;
using RabbitMQ.Client;

namespace TokenOptimizer.Provisioning.Tests;

/// <summary>What the AppHost does: durable servers in a stable folder, stopped and started again.</summary>
public sealed class RestartingOnAKeptFolder
{
    [Fact]
    public async Task SecondStart_FindsTheDataOfTheFirst()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"tokenoptimizer-kept-{Guid.NewGuid():N}");
        try
        {
            // Given a first run that stored a row and a persistent message
            var first = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions { DataFolder = folder, Durable = true });
            var firstProcesses = OurProcesses.Snapshot(first);
            var database = await first.CreateDatabaseAsync("kept");
            await ExecuteAsync(database, "create table notes (text text); insert into notes values ('still here')");
            await PublishPersistentAsync(first.RabbitMqConnectionString, "kept-queue", "still queued");
            await first.DisposeAsync();
            Assert.Empty(OurProcesses.StillRunning(firstProcesses, folder));
            Assert.True(Directory.Exists(folder));

            // When
            await using var second = await LocalInfrastructure.StartAsync(
                new LocalInfrastructureOptions { DataFolder = folder, Durable = true, DeleteDataFolderOnDispose = true });

            // Then
            Assert.Equal(first.RabbitMqPassword, second.RabbitMqPassword);
            Assert.Equal("still here", await ScalarAsync(new NpgsqlConnectionStringBuilder(second.PostgresConnectionString) { Database = "kept" }.ConnectionString, "select text from notes"));
            Assert.Equal(1u, await MessageCountAsync(second.RabbitMqConnectionString, "kept-queue"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task PublishPersistentAsync(string amqp, string queue, string body)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqp) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, System.Text.Encoding.UTF8.GetBytes(body));
    }

    private static async Task<uint> MessageCountAsync(string amqp, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqp) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
