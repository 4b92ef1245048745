using System.Text;
using Npgsql;
using RabbitMQ.Client;

namespace TokenOptimizer.Provisioning.Tests;

/// <summary>
/// An instance in a kept folder (what the AppHost runs), stopped and started again on the same folder, this
/// time to be deleted on dispose. One test, because each start costs RabbitMQ's boot time.
/// </summary>
public sealed class StoppingAndRestartingAnInstance
{
    [Fact]
    public async Task RestartOnAKeptFolder_FindsTheDataAndEachDisposeLeavesNoProcess()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"tokenoptimizer-kept-{Guid.NewGuid():N}");
        try
        {
            // Given a run that stored a row and a persistent message, then stopped
            var first = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions { DataFolder = folder });
            var firstProcesses = OurProcesses.Snapshot(first);
            Assert.Equal(5, first.ProcessIds.Count); // postmaster, epmd, rabbitmq-server, beam.smp, watchdog
            var database = await first.CreateDatabaseAsync("kept");
            await ExecuteAsync(database, "create table notes (text text); insert into notes values ('still here')");
            await PublishPersistentAsync(first.RabbitMqConnectionString, "kept-queue", "still queued");
            await first.DisposeAsync();
            Assert.Empty(OurProcesses.StillRunning(firstProcesses, folder));
            Assert.True(Directory.Exists(folder));

            // When it starts again on the same folder, this time to be deleted afterwards
            var second = await LocalInfrastructure.StartAsync(
                new LocalInfrastructureOptions { DataFolder = folder, DeleteDataFolderOnDispose = true });
            var secondProcesses = OurProcesses.Snapshot(second);

            // Then a third instance cannot take the folder while the second runs (nor delete it on the way out)
            var intruder = await Assert.ThrowsAsync<ProvisioningException>(() => LocalInfrastructure.StartAsync(
                new LocalInfrastructureOptions { DataFolder = folder, DeleteDataFolderOnDispose = true }));
            Assert.Contains("in use by another running instance", intruder.Message, StringComparison.Ordinal);

            // And the data is there
            Assert.Equal(first.RabbitMqPassword, second.RabbitMqPassword);
            var kept = new NpgsqlConnectionStringBuilder(second.PostgresConnectionString) { Database = "kept" }.ConnectionString;
            Assert.Equal("still here", await ScalarAsync(kept, "select text from notes"));
            Assert.Equal(1u, await MessageCountAsync(second.RabbitMqConnectionString, "kept-queue"));

            // And disposing leaves neither processes nor the folder
            NpgsqlConnection.ClearAllPools();
            await second.DisposeAsync();
            Assert.Empty(OurProcesses.StillRunning(secondProcesses, folder));
            Assert.False(Directory.Exists(folder));
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
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(body));
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
