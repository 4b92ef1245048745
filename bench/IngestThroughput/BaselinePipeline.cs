using Microsoft.Extensions.Logging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace TokenOptimizer.Bench.IngestThroughput;

/// <summary>
/// The baseline: a bare MassTransit publish → batch consume → binary COPY pipeline, with no validation,
/// pricing or deduplication. What the broker and database alone allow on this machine.
/// </summary>
internal static class BaselinePipeline
{
    public const string Table = "baseline_usage";

    public static async Task<IHost> StartConsumerAsync(string rabbitMq, NpgsqlDataSource dataSource)
    {
        await using (var create = dataSource.CreateCommand(
            $"CREATE TABLE IF NOT EXISTS {Table} (request_id text, occurred_at timestamptz, provider text, model text, input_tokens bigint, output_tokens bigint, latency_ms double precision)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddConsumer<BareUsageConsumer>(consumer => consumer.Options<BatchOptions>(batch => batch
                .SetMessageLimit(1000).SetTimeLimit(TimeSpan.FromMilliseconds(50)).SetConcurrencyLimit(2)));
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(rabbitMq));
                rabbit.ReceiveEndpoint("bench-baseline", endpoint =>
                {
                    endpoint.PrefetchCount = 3000;
                    endpoint.ConcurrentMessageLimit = 2000;
                    endpoint.ConfigureConsumer<BareUsageConsumer>(context);
                });
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static async Task<long> CountAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {Table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class BareUsageConsumer(NpgsqlDataSource dataSource) : IConsumer<Batch<BareUsage>>
    {
        public async Task Consume(ConsumeContext<Batch<BareUsage>> context)
        {
            await using var connection = await dataSource.OpenConnectionAsync(context.CancellationToken);
            await using var writer = await connection.BeginBinaryImportAsync(
                $"COPY {Table} (request_id, occurred_at, provider, model, input_tokens, output_tokens, latency_ms) FROM STDIN (FORMAT BINARY)",
                context.CancellationToken);
            foreach (var message in context.Message)
            {
                var usage = message.Message;
                await writer.StartRowAsync(context.CancellationToken);
                await writer.WriteAsync(usage.RequestId, NpgsqlDbType.Text, context.CancellationToken);
                await writer.WriteAsync(usage.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, context.CancellationToken);
                await writer.WriteAsync(usage.Provider, NpgsqlDbType.Text, context.CancellationToken);
                await writer.WriteAsync(usage.Model, NpgsqlDbType.Text, context.CancellationToken);
                await writer.WriteAsync(usage.InputTokens, NpgsqlDbType.Bigint, context.CancellationToken);
                await writer.WriteAsync(usage.OutputTokens, NpgsqlDbType.Bigint, context.CancellationToken);
                await writer.WriteAsync(usage.LatencyMs, NpgsqlDbType.Double, context.CancellationToken);
            }

            await writer.CompleteAsync(context.CancellationToken);
        }
    }
}
